package io.dbbranch.cli.demo;

import io.dbbranch.cli.provider.LocalClusters;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.pitr.LocalHistory;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationReport;
import io.dbbranch.engine.migration.MigrationReportTable;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The seed story on the embedded cluster: a main database with a catalogue, a build's branch with a short-lived
 * login, proof that main is untouched, an accident on main and its recovery, and a teardown. It uses names of its
 * own ({@code demo-*}, owner {@value #OWNER}), removes what an interrupted earlier run left, and never touches a
 * database it did not make.
 */
public final class DemoStory {
    /** The owner recorded in the demo's labels. */
    public static final String OWNER = "dbbranch-demo";
    static final String MAIN = "demo-main";
    static final String BUILD = "demo-build-1";
    static final String RECOVERY = "demo-recovery";
    private static final List<String> NAMES = List.of(RECOVERY, BUILD, MAIN);
    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    /** The repository's examples/migrations, packed into the CLI jar. */
    public static final String SAMPLE_MIGRATIONS = "classpath:dbbranch/examples/migrations";

    private final LocalHome home;
    private final String migrations;
    private final Progress progress;
    private final StepLog log;
    private boolean clusterWasRunning;
    private LocalProvider provider;
    private BranchLease build;
    /** The server's clock just before the accident: where the recovery goes back to. */
    private Instant lastGoodMoment;

    /**
     * @param migrations the Flyway location of the build's migrations, e.g. {@link #SAMPLE_MIGRATIONS}
     */
    public DemoStory(LocalHome home, String migrations, PrintWriter out, Progress progress) {
        this.home = home;
        this.migrations = migrations;
        this.progress = progress;
        this.log = new StepLog(out);
    }

    /** Plays the story (once per object); whatever happens, removes what it made and prints the summary. */
    public void play() throws Exception {
        Exception failure = null;
        try {
            log.run("Start the embedded PostgreSQL 17 cluster", () -> {
                clusterWasRunning = LocalClusters.of(home).runningPort().isPresent();
                provider = LocalClusters.start(home, null, OWNER, progress);
                removeLeftovers();
                return "running on 127.0.0.1:" + provider.cluster().runningPort().orElseThrow() + " (home " + home.path() + ")";
            });
            playOnCluster();
        } catch (Exception e) {
            failure = e;
        }
        try {
            if (provider != null) {
                log.run("Tear everything down", this::tearDown);
            }
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        log.printSummary();
        if (failure != null) {
            throw failure;
        }
    }

    private void playOnCluster() throws Exception {
        log.run("Create " + MAIN + ", a root database with a catalogue of " + DemoCatalogue.ROWS + " entities", () -> {
            provider.createRoot(MAIN, new Labels(OWNER, "demo", null, null, Instant.now(), null));
            try (Connection main = provider.cluster().connectAdmin(MAIN)) {
                DemoCatalogue.load(main);
                return MAIN + ".final_entities: " + DemoCatalogue.count(main) + " rows";
            }
        });
        try {
            playBuild();
        } finally {
            if (build != null) {
                build.close();
            }
        }
        log.run("An accident on " + MAIN + ": every row of final_entities is deleted", () -> {
            try (Connection main = provider.cluster().connectAdmin(MAIN)) {
                lastGoodMoment = DemoCatalogue.serverTime(main);
                DemoCatalogue.execute(main, "DELETE FROM final_entities");
                return MAIN + ": " + DemoCatalogue.count(main) + " rows (the last good moment was " + lastGoodMoment + ")";
            }
        });
        String restoreTitle = "Restore " + RECOVERY + " from " + MAIN + " as it was just before the deletion";
        if (!provider.history().map(LocalHistory::isArchiving).orElse(false)) {
            log.skip(restoreTitle, "the cluster in " + home.path() + " runs without WAL archiving (started by an older "
                    + "dbbranch); run 'dbbranch local stop' and play the demo again");
            return;
        }
        log.run(restoreTitle, () -> {
            RestoreResult restored = new PointInTimeRestore(provider).restore(RestoreRequest
                    .builder(MAIN, PointInTime.at(lastGoodMoment)).name(RECOVERY).owner(OWNER).keepFor(TOKEN_TTL)
                    .verify(new Verification("SELECT count(*) FROM final_entities", Expectation.equalTo(DemoCatalogue.ROWS)))
                    .readyTimeout(Duration.ofMinutes(2)).credentialTtl(TOKEN_TTL).build(), progress);
            log.say("restored to " + restored.restorePoint() + " on its own server at " + restored.connection().hostPort()
                    + "; verified: " + restored.verification().describe());
            try (Connection recovery = DriverManager.getConnection(restored.connection().jdbcUrl(), restored.credential().user(),
                    restored.credential().password().reveal());
                 Connection main = provider.cluster().connectAdmin(MAIN)) {
                return RECOVERY + ": " + DemoCatalogue.count(recovery) + " rows; " + MAIN + ": " + DemoCatalogue.count(main) + " rows";
            }
        });
    }

    private void playBuild() throws Exception {
        log.run("Branch " + BUILD + " off " + MAIN + " for build 1, with a login valid for " + TOKEN_TTL.toMinutes() + " minutes", () -> {
            build = BranchLease.open(provider, LeaseSpec.builder(MAIN).name(BUILD).owner(OWNER).job("demo").build("1")
                    .credentialTtl(TOKEN_TTL).expiryWindow(TOKEN_TTL).readyTimeout(Duration.ofMinutes(2)).build(), progress);
            Credential credential = build.credential();
            log.say("login: user " + credential.user() + ", password a signed JWT that PostgreSQL refuses after "
                    + credential.expiresAt());
            try (Connection branch = login(build)) {
                return BUILD + " at " + build.connection().hostPort() + " sees " + DemoCatalogue.count(branch) + " rows";
            }
        });
        log.run("Migrate " + BUILD + " with the Flyway scripts of examples/migrations", () -> {
            MigrationTarget target = MigrationTarget.of(build.connection(), build.credential()).withLabel(BUILD);
            // The catalogue was made before Flyway first ran: baseline it at version 0, then V1 is a no-op.
            MigrationReport report = new Migrator(target, MigrationOptions.builder().location(migrations)
                    .baselineOnMigrate(true).baselineVersion("0").build()).migrate();
            MigrationReportTable.render(report).lines().skip(1).forEach(log::say);
            return MigrationReportTable.summary(report);
        });
        log.run("Build 1 writes to its branch; " + MAIN + " is untouched", () -> {
            long branchRows;
            try (Connection branch = login(build)) {
                DemoCatalogue.execute(branch, "UPDATE final_entities SET status = 'archived' WHERE kind = 'archived'",
                        "DELETE FROM final_entities WHERE status = 'archived'");
                branchRows = DemoCatalogue.count(branch);
            }
            try (Connection main = provider.cluster().connectAdmin(MAIN)) {
                return BUILD + ": " + branchRows + " rows, with a status column; " + MAIN + ": " + DemoCatalogue.count(main)
                        + " rows, " + (DemoCatalogue.hasColumn(main, "status") ? "with" : "no") + " status column";
            }
        });
        log.run("Build 1 ends: its branch is torn down", () -> {
            BranchLease ending = build;
            build = null;
            return ending.teardown().deleted() ? "deleted " + BUILD : "could not delete " + BUILD;
        });
    }

    private static Connection login(BranchLease lease) throws SQLException {
        Credential credential = lease.credential();
        return DriverManager.getConnection(lease.connection().jdbcUrl(), credential.user(), credential.password().reveal());
    }

    /** Deletes what an interrupted earlier demo left; refuses to touch a database of that name it did not make. */
    private void removeLeftovers() {
        for (String name : NAMES) {
            Optional<BranchInfo> found = provider.findBranch(name);
            if (found.isEmpty()) {
                continue;
            }
            Labels labels = found.get().labels();
            if (labels == null || !OWNER.equals(labels.owner())) {
                throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, "Play the demo in " + home.path(),
                        "a database '" + name + "' exists that the demo did not make",
                        "Rename or delete it, or point DBBRANCH_HOME at another folder");
            }
            provider.deleteBranch(found.get());
            progress.report("removed " + name + ", left by an earlier demo");
        }
    }

    private String tearDown() {
        int deleted = 0;
        for (String name : NAMES) {
            Optional<BranchInfo> found = provider.findBranch(name);
            if (found.isPresent() && found.get().labels() != null && OWNER.equals(found.get().labels().owner())) {
                provider.deleteBranch(found.get());
                deleted++;
            }
        }
        if (!clusterWasRunning) {
            provider.cluster().stop();
        }
        return "deleted " + deleted + " database" + (deleted == 1 ? "" : "s")
                + (clusterWasRunning ? "; the cluster keeps running" : "; stopped the cluster (it was not running before)");
    }
}
