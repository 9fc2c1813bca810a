package io.jenkins.plugins.dbbranch.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Fingerprint;
import hudson.model.Result;
import io.jenkins.plugins.dbbranch.testing.TestCredentials;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ConnectionCredentialsTest {

    @Test
    void aBuildUsesTheConnectionsAdminCredentialsAndTheirUseIsTracked(JenkinsRule r) throws Exception {
        UsernamePasswordCredentialsImpl admin = TestCredentials.admin("pg-admin");
        TestCredentials.usePostgresConnection("pg-admin");
        String parent = TestDatabases.parentWithEntities(2);
        WorkflowJob job = pipeline(r, "tracked", "withDbBranch(parent: '" + parent + "') { echo \"rows=${branchQuery('select count(*) from final_entities')}\" }");

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("rows=2", build);
        r.assertLogContains("on postgres", build);
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(admin);
        assertThat(fingerprint).isNotNull();
        assertThat(fingerprint.getJobs()).contains("tracked");
    }

    @Test
    void credentialsOfTheWrongKindAreNamedWithWhatWasExpected(JenkinsRule r) throws Exception {
        TestCredentials.secretText("pg-admin", "not-a-password");
        TestCredentials.usePostgresConnection("pg-admin");
        WorkflowJob job = pipeline(r, "wrong-kind", "withDbBranch { echo 'never runs' }");

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("the PostgreSQL connection 'pg' names the credentials 'pg-admin', which are Secret text; "
                + "expected Username with password", build);
        r.assertLogNotContains("not-a-password", build);
    }

    private static WorkflowJob pipeline(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
