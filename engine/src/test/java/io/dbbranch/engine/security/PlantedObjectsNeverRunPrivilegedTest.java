package io.dbbranch.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.migration.MigrationFixtures;
import io.dbbranch.engine.migration.UpstreamMigration;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The promise: functions and operators that an untrusted role planted (a parent's owner, or a branch's role) never run
 * with more rights than that role's, whatever dbbranch does with the database: branching it, branching a branch of it,
 * deleting and reaping branches, migrating it upstream, restoring it to a point in time. After each, no role gained an
 * attribute or a membership, and the planted functions' trap holds no row written by a privileged role.
 */
class PlantedObjectsNeverRunPrivilegedTest {
    private final LocalProvider provider = TestProviders.local();
    private final LocalCluster cluster = TestPostgres.cluster();
    private final List<Runnable> cleanUp = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestMade() {
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).run();
        }
    }

    @Test
    void branchingAParentWhoseOwnerPlantedFunctionsRunsNoneOfThemPrivileged() {
        BranchInfo parent = plantedRoot(provider);
        PrivilegeSnapshot before = PrivilegeSnapshot.of(cluster);

        BranchInfo branch = branch(provider, parent.name());

        assertThat(Attacker.privilegedRuns(cluster, branch.name())).isEmpty();
        assertThat(Attacker.privilegedRuns(cluster, parent.name())).isEmpty();
        assertThat(PrivilegeSnapshot.of(cluster)).isEqualTo(before);
        assertThat(TestPostgres.queryLong(branch.name(), "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = 'public' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = '" + branch.name() + "')"))
                .as("the branch's role owns its copies of the planted functions").isZero();
    }

    @Test
    void branchingABranchWhoseRolePlantedFunctionsRunsNoneOfThemPrivileged() {
        BranchInfo root = root(provider);
        BranchInfo planted = branch(provider, root.name());
        Attacker.plant(provider.awaitReady(planted, Duration.ofSeconds(10), Progress.SILENT), credential(provider, planted));
        PrivilegeSnapshot before = PrivilegeSnapshot.of(cluster);

        BranchInfo grandchild = branch(provider, planted.name());

        assertThat(Attacker.privilegedRuns(cluster, grandchild.name())).isEmpty();
        assertThat(PrivilegeSnapshot.of(cluster)).isEqualTo(before);
    }

    @Test
    void deletingAndReapingBranchesOfAPlantedParentRunNoneOfThem() {
        BranchInfo parent = plantedRoot(provider);
        PrivilegeSnapshot before = PrivilegeSnapshot.of(cluster);
        BranchInfo deleted = branch(provider, parent.name());
        BranchInfo expired = branch(provider, parent.name());

        provider.deleteBranch(deleted);
        new Reaper(provider, TestProviders.OWNER, Reaper.BuildLiveness.UNKNOWN, Clock.offset(Clock.systemUTC(), Duration.ofDays(1)))
                .reap(expired.name(), false, false, Progress.SILENT);

        assertThat(TestProviders.databaseExists(expired.name())).as("reaped").isFalse();
        assertThat(Attacker.privilegedRuns(cluster, parent.name())).isEmpty();
        assertThat(PrivilegeSnapshot.of(cluster)).isEqualTo(before);
    }

    @Test
    void migratingAPlantedParentUpstreamRunsNoneOfThemPrivileged() {
        BranchInfo parent = plantedRoot(provider);
        PrivilegeSnapshot before = PrivilegeSnapshot.of(cluster);

        UpstreamReport report = new UpstreamMigration(provider, Progress.SILENT)
                .run(UpstreamRequest.builder(parent.name(), MigrationFixtures.options("base")
                        .baselineOnMigrate(true).baselineVersion("0").build()).build());

        assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
        assertThat(report.restorePoint()).as("recorded in the parent's own log, as its owner").isNotNull();
        assertThat(Attacker.privilegedRuns(cluster, parent.name())).isEmpty();
        assertThat(PrivilegeSnapshot.of(cluster)).isEqualTo(before);
    }

    @Test
    void anAdminOwnedParentWhereAnotherRolePlantedFunctionsIsNotMigratedAsTheAdmin() {
        String parent = TestProviders.parentWithEntities(1);
        String planter = TestProviders.uniqueName("app");
        TestPostgres.execute("postgres", "CREATE ROLE \"" + planter + "\" LOGIN PASSWORD 'planter'");
        cleanUp.add(() -> TestPostgres.execute("postgres", "DROP ROLE \"" + planter + "\""));
        cleanUp.add(() -> TestPostgres.execute("postgres", "DROP DATABASE \"" + parent + "\" WITH (FORCE)"));
        TestPostgres.execute(parent, "GRANT CREATE ON SCHEMA public TO \"" + planter + "\"");
        Attacker.plant(cluster.details(parent), new Credential(planter, Secret.of("planter"), Instant.now().plusSeconds(600), false));
        PrivilegeSnapshot before = PrivilegeSnapshot.of(cluster);

        assertThatThrownBy(() -> new UpstreamMigration(provider, Progress.SILENT).run(UpstreamRequest.builder(parent,
                MigrationFixtures.options("base").baselineOnMigrate(true).baselineVersion("0").build()).build()))
                .hasMessageContaining(planter + " own(s) objects in it");

        assertThat(Attacker.privilegedRuns(cluster, parent)).isEmpty();
        assertThat(PrivilegeSnapshot.of(cluster)).isEqualTo(before);
    }

    @Test
    void restoringAPlantedDatabaseToAPointInTimeRunsNoneOfThemPrivileged() {
        LocalProvider withHistory = TestHistory.provider();
        BranchInfo source = plantedRoot(withHistory);
        Instant planted = Instant.now();
        PrivilegeSnapshot before = PrivilegeSnapshot.of(withHistory.cluster());

        RestoreResult result = new PointInTimeRestore(withHistory).restore(RestoreRequest.builder(source.name(),
                PointInTime.at(planted)).build(), Progress.SILENT);
        cleanUp.add(() -> withHistory.deleteBranch(result.branch()));

        LocalCluster recovered = withHistory.history().orElseThrow().recoveries().cluster(result.branch().name());
        assertThat(Attacker.privilegedRuns(recovered, result.branch().name())).isEmpty();
        assertThat(PrivilegeSnapshot.of(recovered)).as("in the restored cluster").isEqualTo(before);
        assertThat(PrivilegeSnapshot.of(withHistory.cluster())).isEqualTo(before);
    }

    /** A root database whose own role (its owner, untrusted) planted the traps. */
    private BranchInfo plantedRoot(LocalProvider on) {
        BranchInfo root = root(on);
        Attacker.plant(on.awaitReady(root, Duration.ofSeconds(10), Progress.SILENT), credential(on, root));
        return root;
    }

    private BranchInfo root(LocalProvider on) {
        Instant now = Instant.now();
        BranchInfo root = on.createRoot(TestProviders.uniqueName("hostile"), new Labels(TestProviders.OWNER, null, null, null, now, null));
        cleanUp.add(() -> on.deleteBranch(root));
        return root;
    }

    private BranchInfo branch(LocalProvider on, String parent) {
        Instant now = Instant.now();
        BranchInfo branch = on.createBranch(new CreateBranchRequest(TestProviders.uniqueName("child"), parent, PointInTime.HEAD,
                now.plusSeconds(600), new Labels(TestProviders.OWNER, "job", "1", null, now, now.plusSeconds(600))));
        cleanUp.add(() -> on.deleteBranch(branch));
        return branch;
    }

    private static Credential credential(LocalProvider on, BranchInfo branch) {
        return on.mintCredential(branch, on.awaitReady(branch, Duration.ofSeconds(10), Progress.SILENT), Duration.ofMinutes(10));
    }
}
