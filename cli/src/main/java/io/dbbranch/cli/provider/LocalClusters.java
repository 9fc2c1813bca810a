package io.dbbranch.cli.provider;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.PgMajor;
import io.dbbranch.engine.spi.Progress;

/** The local cluster of a home, for {@code dbbranch local start|stop|status} and the demo. */
public final class LocalClusters {
    private LocalClusters() {
    }

    /** The cluster of {@code home}, neither created nor started (stop and status need nothing more). */
    public static LocalCluster of(LocalHome home) {
        return new LocalCluster(home.clusterDirectory(), ClusterSettings.durable());
    }

    /**
     * Starts (and first creates) the cluster as the local provider does, and returns the provider on it.
     *
     * @param major the PostgreSQL major version asked for, or {@code null} (the cluster's, 17 for a new one)
     */
    public static LocalProvider start(LocalHome home, PgMajor major, String owner, Progress progress) {
        return LocalProviderFactory.start(home, major, owner, progress);
    }

    static void announceStart(LocalHome home, PgMajor major, Progress progress) {
        LocalCluster cluster = new LocalCluster(home.clusterDirectory(), ClusterSettings.durable().withMajor(major));
        if (cluster.runningPort().isEmpty()) {
            progress.report((cluster.isInitialized() ? "starting" : "creating and starting")
                    + " the local PostgreSQL " + cluster.major().number() + " cluster in " + home.path());
        }
    }
}
