package io.jenkins.plugins.dbbranch.local;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.PgMajor;
import io.dbbranch.engine.local.pitr.LocalHistory;
import io.dbbranch.engine.local.pitr.RecoveryBranch;
import io.dbbranch.engine.local.pitr.RecoveryClusters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded PostgreSQL clusters this controller started through a {@code local} connection, stopped when Jenkins
 * stops so that no server outlives it. A cluster that was running already when the controller first used it (started
 * by {@code dbbranch local start}, or by another process sharing the folder) is not this controller's to stop. With a
 * cluster stop the servers of its recovery branches (kept {@code pitrRestore} branches), which start again on their
 * next use, as the cluster does.
 */
@Extension
public final class StartedClusters {
    private static final Logger LOGGER = Logger.getLogger(StartedClusters.class.getName());

    /** By home folder: the cluster, and its recovery branches' clusters where the provider opened keeps history. */
    private final Map<Path, Started> started = new ConcurrentHashMap<>();

    private record Started(LocalHome home, LocalCluster cluster, RecoveryClusters recoveries) {
    }

    public static StartedClusters get() {
        return ExtensionList.lookupSingleton(StartedClusters.class);
    }

    /** Stops the clusters this controller started: runs when Jenkins stops (its display name is a key of Messages). */
    @Terminator(displayName = "StartedClusters.stopStartedClusters")
    public static void stopStartedClusters() {
        ExtensionList.lookup(StartedClusters.class).forEach(StartedClusters::stopAll);
    }

    /**
     * Opens the local provider on {@code home} ({@link LocalProvider#open(LocalHome, PgMajor, String)}, which starts the
     * cluster when it is stopped, and creates it of PostgreSQL {@code major} on first use), and remembers the cluster
     * when this call started it.
     *
     * @param major the major version asked for, or {@code null}: the cluster's own, {@link PgMajor#DEFAULT} for a new one
     */
    public LocalProvider open(LocalHome home, PgMajor major, String owner) {
        LocalCluster cluster = new LocalCluster(home.clusterDirectory(), ClusterSettings.durable());
        boolean wasRunning = cluster.runningPort().isPresent();
        LocalProvider provider = null;
        try {
            provider = LocalProvider.open(home, major, owner);
            return provider;
        } finally {
            // Also when opening failed after the start: the server runs all the same.
            if (!wasRunning && cluster.runningPort().isPresent()) {
                RecoveryClusters recoveries = provider == null ? null
                        : provider.history().map(LocalHistory::recoveries).orElse(null);
                started.put(home.path(), new Started(home, provider == null ? cluster : provider.cluster(), recoveries));
            }
        }
    }

    /**
     * Stops every server of the clusters this controller started that still runs, logging each; a server that will not
     * stop is logged and the others are stopped all the same.
     *
     * @return what was stopped, e.g. {@code the cluster in /var/lib/jenkins/dbbranch/local (port 5433)}
     */
    public List<String> stopAll() {
        List<String> stopped = new ArrayList<>();
        for (Started each : List.copyOf(started.values())) {
            if (each.recoveries() != null) {
                for (RecoveryBranch branch : recoveryBranches(each)) {
                    stop(() -> each.recoveries().cluster(branch.name()), "the recovery branch " + branch.name() + " of "
                            + each.home().path(), stopped);
                }
            }
            stop(each::cluster, "the cluster in " + each.home().path(), stopped);
            started.remove(each.home().path());
        }
        return stopped;
    }

    private static List<RecoveryBranch> recoveryBranches(Started each) {
        try {
            return each.recoveries().list();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not list the recovery branches of " + each.home().path()
                    + "; their servers may be left running", e);
            return List.of();
        }
    }

    /** Stops {@code server} if it runs; a server that cannot be found or stopped is logged, never thrown. */
    private static void stop(Supplier<LocalCluster> server, String what, List<String> stopped) {
        try {
            LocalCluster cluster = server.get();
            OptionalInt port = cluster.runningPort();
            if (port.isEmpty()) {
                return;
            }
            String described = what + " (port " + port.getAsInt() + ")";
            cluster.stop();
            stopped.add(described);
            LOGGER.info(() -> "Stopped the embedded PostgreSQL server of " + described);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not stop the embedded PostgreSQL server of " + what
                    + "; it may be left running (stop it with pg_ctl -D <its data folder> stop)", e);
        }
    }
}
