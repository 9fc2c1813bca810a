package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class WithDbBranchPipelineTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void theBodyWorksOnACopyOfTheParentThatIsDeletedAfterwards() throws Exception {
        String parent = TestDatabases.parentWithEntities(3);
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "shop", """
                withDbBranch(parent: '%s') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                    echo "rows=${branchQuery('select count(*) from final_entities')}"
                }
                """.formatted(parent)));

        String branch = Logs.value(build, "branch");
        assertThat(Logs.value(build, "rows")).isEqualTo("3");
        assertThat(branch).startsWith("ci-shop-1-");
        assertThat(TestDatabases.databaseExists(branch)).isFalse();
        r.assertLogContains("deleted branch " + branch, build);
        BranchRecord record = TestDatabases.onlyRecord(build);
        assertThat(record.getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        assertThat(record.getParent()).isEqualTo(parent);
        assertThat(record.getTimings()).containsKeys("create", "ready", "teardown");
        assertThat(record.getCredentialExpiresAt()).isNotBlank();
    }

    @Test
    void aPullRequestBuildGetsABranchNamedAfterItsChangeWithoutConfiguration() throws Exception {
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "api", """
                withEnv(['CHANGE_ID=12']) {
                    withDbBranch(parent: '%s') {
                        echo "branch=${env.DB_BRANCH_NAME}"
                    }
                }
                """.formatted(parent)));

        assertThat(Logs.value(build, "branch")).matches("ci-api-pr-12-1-[a-z2-9]{5}");
    }

    @Test
    void keepOnFailureKeepsTheBranchOfAFailedBodyAndSaysHowToDeleteIt() throws Exception {
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "red", """
                withDbBranch(parent: '%s', keep: 'onFailure') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                    error 'integration tests failed'
                }
                """.formatted(parent)));

        String branch = Logs.value(build, "branch");
        assertThat(TestDatabases.databaseExists(branch)).isTrue();
        r.assertLogContains("kept branch " + branch, build);
        r.assertLogContains("integration tests failed", build);
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.KEPT);
    }

    @Test
    void aWrongTtlFailsTheBuildWithWhatToWriteInstead() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "typo", """
                withDbBranch(ttl: 'two hours') {
                    echo 'never runs'
                }
                """));

        r.assertLogContains("Set ttl: 'two hours' is not a duration. Write e.g. 90s, 10m, 1h30m or 2d", build);
        r.assertLogNotContains("never runs", build);
    }

    @Test
    void migrationsOutsideANodeFailClearlyBeforeAnyBranchIsMade() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "nonode", """
                withDbBranch(migrate: true) {
                    echo 'never runs'
                }
                """));

        r.assertLogContains("migrate: true needs the migrations of a workspace: put withDbBranch inside node", build);
        assertThat(build.getAction(io.jenkins.plugins.dbbranch.actions.DbBranchAction.class)).isNull();
    }

    @Test
    void aVerificationThatHoldsLetsTheBodyRun() throws Exception {
        String parent = TestDatabases.parentWithEntities(3);
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "verified", """
                withDbBranch(parent: '%s', verify: 'select count(*) from final_entities', expect: '3') {
                    echo 'body ran'
                }
                """.formatted(parent)));

        r.assertLogContains("verified: select count(*) from final_entities returned 3, expected = 3", build);
        r.assertLogContains("body ran", build);
    }

    @Test
    void aVerificationThatFailsStopsTheBuildBeforeTheBodyAndDeletesTheBranch() throws Exception {
        String parent = TestDatabases.parentWithEntities(3);
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "unverified", """
                withDbBranch(parent: '%s', verify: "select count(*) > 3 from final_entities") {
                    echo 'never runs'
                }
                """.formatted(parent)));

        r.assertLogContains("returned f, expected non-empty; the branch does not hold what the build needs", build);
        r.assertLogNotContains("never runs", build);
        BranchRecord record = TestDatabases.onlyRecord(build);
        assertThat(record.getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        assertThat(TestDatabases.databaseExists(record.getBranch())).isFalse();
    }
}
