package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class AbortDeletesTheBranchTest {

    @Test
    void abortingTheBuildInTheMiddleOfTheBodyDeletesTheBranch(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowJob job = r.createProject(WorkflowJob.class, "long-tests");
        job.setDefinition(new CpsFlowDefinition("""
                withDbBranch(parent: '%s') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                    sleep 600
                    echo 'body finished'
                }
                """.formatted(parent), true));

        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Sleeping for", build);
        String branch = Logs.value(build, "branch");
        assertThat(TestDatabases.databaseExists(branch)).isTrue();

        build.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        r.assertLogNotContains("body finished", build);
        r.assertLogContains("deleted branch " + branch, build);
        assertThat(TestDatabases.databaseExists(branch)).isFalse();
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
    }
}
