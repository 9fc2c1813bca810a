package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.pitr.LocalHistory;
import io.dbbranch.engine.local.pitr.PitrSettings;
import io.dbbranch.engine.local.pitr.RecoveryBranch;
import io.dbbranch.engine.local.pitr.RecoveryClusters;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.HistoryWindow;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The default provider: branches in an embedded PostgreSQL cluster (17 by default, or 18: see {@link PgMajor}) under
 * the local home, started on demand and left running between calls, so anyone can try everything with nothing
 * installed. On PostgreSQL 18, where the file system clones files, a branch's files are clones of its parent's
 * ({@link LocalCluster#clonesFiles}).
 *
 * <p>Branches of the head are databases copied in the cluster. Branches of the past (a moment or an LSN) are
 * recovery branches: a whole cluster restored from the cluster's base backups and WAL archive (its
 * {@link LocalHistory}) on a port of its own, in which the restored database is the branch (see
 * {@link RecoveryClusters}). Both kinds are listed, found, extended and deleted alike.
 */
public class LocalProvider extends PostgresProvider {
    private final LocalCluster cluster;
    private final LocalHistory history;
    private final String owner;

    /** A provider on {@code cluster} without history: branches of the head only. */
    public LocalProvider(LocalCluster cluster, String owner) {
        this(cluster, null, owner);
    }

    /**
     * A provider on {@code cluster} that branches from the past too, through {@code history} (the cluster must be
     * started with {@link LocalHistory#archiving} settings).
     */
    public LocalProvider(LocalCluster cluster, LocalHistory history, String owner) {
        super(configFor(cluster, owner));
        this.cluster = cluster;
        this.history = history;
        this.owner = owner;
    }

    /** A provider on the cluster in {@code home}, with durable settings and the default history. */
    public static LocalProvider open(LocalHome home, String owner) {
        return open(home, ClusterSettings.durable(), PitrSettings.defaults(), owner);
    }

    /**
     * A provider on the cluster in {@code home} of PostgreSQL {@code major} ({@code null}: the one it was created with,
     * {@link PgMajor#DEFAULT} for a new one), with durable settings and the default history.
     */
    public static LocalProvider open(LocalHome home, PgMajor major, String owner) {
        return open(home, ClusterSettings.durable().withMajor(major), PitrSettings.defaults(), owner);
    }

    /**
     * A provider on the cluster in {@code home} that archives its WAL into {@code home/history}, and takes a base
     * backup when none is recent enough: at the cluster's creation, history starts there.
     */
    public static LocalProvider open(LocalHome home, ClusterSettings settings, PitrSettings pitr, String owner) {
        ShellSafePath.require(home.path(), "Open the local cluster in " + home.path());
        Path historyDirectory = home.historyDirectory();
        LocalCluster cluster = new LocalCluster(home.clusterDirectory(), LocalHistory.archiving(settings, historyDirectory));
        LocalHistory history = new LocalHistory(cluster, historyDirectory, settings, pitr);
        LocalProvider provider = new LocalProvider(cluster, history, owner);
        // A cluster still running from before archiving existed gets its history at its next start.
        if (history.isArchiving()) {
            history.takeBaseBackupIfDue();
        }
        return provider;
    }

    private static PostgresConfig configFor(LocalCluster cluster, String owner) {
        int port = cluster.start();
        return new PostgresConfig("127.0.0.1", port, "postgres", LocalCluster.ADMIN_USER, cluster.adminPassword(),
                "disable", null, owner);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public Capabilities capabilities() {
        Capabilities plain = super.capabilities();
        return new Capabilities(history != null, plain.nativeExpiry(), false, plain.maxNameLength(),
                plain.minCredentialTtl(), plain.maxCredentialTtl(), plain.maxBranchTtl());
    }

    @Override
    public HistoryWindow historyWindow(String branch) {
        return history == null ? HistoryWindow.UNKNOWN : history.window();
    }

    @Override
    public BranchInfo createBranch(CreateBranchRequest request) {
        String asked = "Create branch '" + request.name() + "' of '" + request.parent() + "' at " + request.from();
        if (recovery(request.name()).isPresent() || (request.from().isHistorical() && super.findBranch(request.name()).isPresent())) {
            throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a branch of that name exists already",
                    "Choose another name, or delete the old branch first");
        }
        if (!request.from().isHistorical()) {
            return super.createBranch(request);
        }
        if (history == null) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "this local cluster keeps no history",
                    "Open the local provider with LocalProvider.open(home, …), which archives WAL and takes base backups");
        }
        refuseReservedParent(request.parent(), asked);
        RecoveryBranch restored = history.recoveries().create(request.name(), request.parent(), request.from(), request.labels());
        try {
            inRecoveryCluster(restored.name()).adoptBranch(restored.name(), restored.sourceDatabase(), request.labels());
        } catch (RuntimeException e) {
            try {
                history.recoveries().delete(restored.name());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return restored.toBranchInfo();
    }

    @Override
    public ConnectionDetails awaitReady(BranchInfo branch, Duration timeout, Progress progress) {
        if (recovery(branch.name()).isPresent()) {
            // Recovered and promoted before createBranch returned; a stopped server starts again here.
            return history.recoveries().cluster(branch.name()).details(branch.name());
        }
        return super.awaitReady(branch, timeout, progress);
    }

    @Override
    public Credential mintCredential(BranchInfo branch, ConnectionDetails connection, Duration ttl) {
        if (recovery(branch.name()).isPresent()) {
            return inRecoveryCluster(branch.name()).mintCredential(branch, connection, ttl);
        }
        return super.mintCredential(branch, connection, ttl);
    }

    @Override
    public Optional<BranchInfo> findBranch(String name) {
        return super.findBranch(name).or(() -> recovery(name).map(RecoveryBranch::toBranchInfo));
    }

    @Override
    public List<BranchInfo> listBranches(String namePrefix) {
        List<BranchInfo> branches = new ArrayList<>(super.listBranches(namePrefix));
        if (history != null) {
            String prefix = namePrefix == null ? "" : namePrefix;
            history.recoveries().list().stream().filter(recovery -> recovery.name().startsWith(prefix))
                    .map(RecoveryBranch::toBranchInfo).forEach(branches::add);
            branches.sort(Comparator.comparing(BranchInfo::name));
        }
        return branches;
    }

    @Override
    public void extendExpiry(BranchInfo branch, Instant expiresAt) {
        if (recovery(branch.name()).isPresent()) {
            history.recoveries().extendExpiry(branch.name(), expiresAt);
        } else {
            super.extendExpiry(branch, expiresAt);
        }
    }

    @Override
    public boolean deleteBranch(BranchInfo branch) {
        if (recovery(branch.name()).isPresent()) {
            return history.recoveries().delete(branch.name());
        }
        return super.deleteBranch(branch);
    }

    /** For a recovery branch, the admin login to its own cluster, not the source's. */
    @Override
    public Optional<ParentAccess> parentAccess(String name, Duration ttl) {
        if (recovery(name).isPresent()) {
            return inRecoveryCluster(name).parentAccess(name, ttl);
        }
        return super.parentAccess(name, ttl);
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** The cluster's history, or empty when this provider branches from the head only. */
    public Optional<LocalHistory> history() {
        return Optional.ofNullable(history);
    }

    private Optional<RecoveryBranch> recovery(String name) {
        return history == null ? Optional.empty() : history.recoveries().find(name);
    }

    /** The recovery cluster seen as a plain PostgreSQL server, whose one branch is the recovery branch. */
    private PostgresProvider inRecoveryCluster(String name) {
        LocalCluster recovered = history.recoveries().cluster(name);
        return new PostgresProvider(new PostgresConfig("127.0.0.1", recovered.start(), RecoveryClusters.MAINTENANCE_DATABASE,
                LocalCluster.ADMIN_USER, recovered.adminPassword(), "disable", null, owner));
    }
}
