package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Flyway from the workspace: on the branch before the body ({@code migrate: true}), and upstream after merge. */
@WithJenkins
class MigrationsTest {
    private static final String MIGRATIONS = """
            writeFile file: 'db/migration/V1__create_entities.sql', text: "CREATE TABLE entities (id int PRIMARY KEY, status text NOT NULL DEFAULT 'active'); INSERT INTO entities (id) SELECT g FROM generate_series(1, 6) g;"
            writeFile file: 'db/migration/V2__archive_even.sql', text: "UPDATE entities SET status = 'archived' WHERE id % 2 = 0;"
            """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void theBranchIsMigratedBeforeTheBodyAndTheParentIsUntouched() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "migrate-branch", """
                node {
                    %s
                    withDbBranch(parent: '%s', migrate: true) {
                        echo "archived=${branchQuery("select count(*) from entities where status = 'archived'")}"
                    }
                }
                """.formatted(MIGRATIONS, parent)));

        assertThat(Logs.value(build, "archived")).isEqualTo("3");
        r.assertLogContains("V1__create_entities.sql", build);
        r.assertLogContains("V2__archive_even.sql", build);
        assertThat(TestDatabases.entityTables(parent)).isZero();
        BranchRecord record = TestDatabases.onlyRecord(build);
        assertThat(record.getMigrations()).contains("2 migrations applied");
        assertThat(record.getTimings()).containsKey("migrate");
    }

    @Test
    void aFailingMigrationFailsTheStepBeforeTheBodyAndTheBranchIsDeleted() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "migrate-broken", """
                node {
                    writeFile file: 'db/migration/V1__broken.sql', text: 'ALTER TABLE no_such_table ADD COLUMN x int;'
                    withDbBranch(parent: '%s', migrate: true) {
                        echo 'never runs'
                    }
                }
                """.formatted(parent)));

        r.assertLogContains("V1__broken.sql", build);
        r.assertLogNotContains("never runs", build);
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        assertThat(TestDatabases.databaseExists(TestDatabases.onlyRecord(build).getBranch())).isFalse();
    }

    @Test
    void migrateUpstreamRehearsesThenMigratesTheParentAndReturnsTheReport() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "upstream", """
                node {
                    %s
                    def report = migrateUpstream(parent: '%s')
                    echo "outcome=${report.outcome}"
                    echo "after=${report.migration.versionAfter}"
                }
                """.formatted(MIGRATIONS, parent)));

        assertThat(Logs.value(build, "outcome")).isEqualTo("MIGRATED");
        assertThat(Logs.value(build, "after")).isEqualTo("2");
        assertThat(TestPostgres.queryLong(parent, "select count(*) from entities where status = 'archived'")).isEqualTo(3);
    }

    @Test
    void aDryRunOfMigrateUpstreamRehearsesAndLeavesTheParentAlone() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "upstream-dry", """
                node {
                    %s
                    echo "outcome=${migrateUpstream(parent: '%s', dryRun: true).outcome}"
                }
                """.formatted(MIGRATIONS, parent)));

        assertThat(Logs.value(build, "outcome")).isEqualTo("REHEARSED");
        assertThat(TestDatabases.entityTables(parent)).isZero();
    }
}
