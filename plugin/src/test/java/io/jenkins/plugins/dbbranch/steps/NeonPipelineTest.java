package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.NeonConnection;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import io.jenkins.plugins.dbbranch.testing.TestNeonEmulator;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** withDbBranch on Neon, against the emulator of the testkit: API key, branch and endpoint operations, a role per lease. */
@WithJenkins
class NeonPipelineTest {

    @Test
    void aPipelineGetsANeonBranchWithARoleOfItsOwnAndTheBranchIsDeletedAfterwards(JenkinsRule r) throws Exception {
        NeonConnection neon = TestNeonEmulator.useNeonConnection();
        WorkflowJob job = r.createProject(WorkflowJob.class, "neon-tests");
        job.setDefinition(new CpsFlowDefinition("""
                withDbBranch(connection: 'neon') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                    echo "greetings=${branchQuery('select count(*) from greeting')}"
                }
                """, true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        String branch = Logs.value(build, "branch");
        assertThat(Logs.value(build, "greetings")).isEqualTo("1");
        r.assertLogContains("on neon", build);
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        try (BranchProvider provider = neon.open(ConnectionContext.forController())) {
            assertThat(provider.findBranch(branch)).isEmpty();
        }
    }
}
