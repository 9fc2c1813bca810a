package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** The controller restarts while the body runs. */
class RestartInTheBodyTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private String branch;

    @Test
    void theStepTakesItsBranchOverAgainWithAFreshCredential() throws Throwable {
        String parent = TestDatabases.parentWithEntities(4);
        sessions.then(r -> {
            TestDatabases.useLocalConnection();
            WorkflowJob job = r.createProject(WorkflowJob.class, "survivor");
            job.setDefinition(new CpsFlowDefinition(script(parent), true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Sleeping for", build);
            branch = Logs.value(build, "branch");
        });
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("survivor", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            r.assertLogContains("resuming the lease of branch " + branch, build);
            assertThat(Logs.value(build, "rows")).isEqualTo("4");
            assertThat(TestDatabases.databaseExists(branch)).isFalse();
            assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        });
    }

    @Test
    void aBranchThatCannotBeResumedFailsTheBuildClearlyAndIsDeleted() throws Throwable {
        String parent = TestDatabases.parentWithEntities(1);
        sessions.then(r -> {
            TestDatabases.useLocalConnection();
            WorkflowJob job = r.createProject(WorkflowJob.class, "casualty");
            job.setDefinition(new CpsFlowDefinition(script(parent), true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Sleeping for", build);
            branch = Logs.value(build, "branch");
        });
        // While the controller is down, the branch's dead-man's switch runs out.
        LocalProvider provider = new LocalProvider(TestPostgres.cluster(), "test");
        BranchInfo info = provider.findBranch(branch).orElseThrow();
        provider.extendExpiry(info, Instant.now().minusSeconds(1));
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("casualty", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));
            r.assertLogContains("could not be taken over again after the controller restarted", build);
            r.assertLogNotContains("rows=", build);
            assertThat(TestDatabases.databaseExists(branch)).isFalse();
        });
    }

    private static String script(String parent) {
        return """
                withDbBranch(parent: '%s') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                    sleep 20
                    echo "rows=${branchQuery('select count(*) from final_entities')}"
                }
                """.formatted(parent);
    }
}
