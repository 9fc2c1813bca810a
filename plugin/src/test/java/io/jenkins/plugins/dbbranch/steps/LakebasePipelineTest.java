package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.LakebaseConnection;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import io.jenkins.plugins.dbbranch.testing.TestLakebaseEmulator;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** withDbBranch on Lakebase, against the emulator of the testkit: OAuth, branch operations, minted credentials. */
@WithJenkins
class LakebasePipelineTest {

    @Test
    void aPipelineGetsALakebaseBranchWithAMintedCredentialAndTheBranchIsDeletedAfterwards(JenkinsRule r) throws Exception {
        LakebaseConnection lakebase = TestLakebaseEmulator.useLakebaseConnection();
        WorkflowJob job = r.createProject(WorkflowJob.class, "lakebase-tests");
        job.setDefinition(new CpsFlowDefinition("""
                withDbBranch(connection: 'lakebase', ttl: '2h') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                    echo "greetings=${branchQuery('select count(*) from greeting')}"
                }
                """, true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        String branch = Logs.value(build, "branch");
        assertThat(Logs.value(build, "greetings")).isEqualTo("1");
        r.assertLogContains("on lakebase", build);
        r.assertLogContains("deleted branch " + branch, build);
        BranchRecord record = TestDatabases.onlyRecord(build);
        assertThat(record.getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        assertThat(record.getParent()).isEqualTo("main");
        try (BranchProvider provider = lakebase.open(ConnectionContext.forController())) {
            assertThat(provider.findBranch(branch)).isEmpty();
        }
    }
}
