package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.testing.TestCredentials;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class PitrRestoreStepTest {

    @Test
    void exactlyOneMomentMustBeGiven(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        WorkflowRun none = run(r, "none", "pitrRestore(branch: 'main')", Result.FAILURE);
        WorkflowRun two = run(r, "two", "pitrRestore(branch: 'main', lsn: '0/1A2B3C', beforeBuild: 3)", Result.FAILURE);

        r.assertLogContains("pitrRestore needs exactly one of timestamp, lsn, restorePoint or beforeBuild; none was given", none);
        r.assertLogContains("given: lsn, beforeBuild", two);
    }

    @Test
    void aTimestampWithoutAZoneIsRefusedWithAnExample(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        WorkflowRun build = run(r, "nozone", "pitrRestore(timestamp: '2026-03-01 09:30')", Result.FAILURE);

        r.assertLogContains("timestamp: '2026-03-01 09:30' is not a timestamp; write it as ISO-8601 with a zone", build);
    }

    @Test
    void aServerWithoutHistoryRefusesBeforeMakingAnything(JenkinsRule r) throws Exception {
        TestCredentials.admin("pg-admin");
        TestCredentials.usePostgresConnection("pg-admin");
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowRun build = run(r, "nohistory", "pitrRestore(branch: '" + parent + "', timestamp: '2026-03-01T09:30:00Z')",
                Result.FAILURE);

        r.assertLogContains("this provider cannot branch from the past", build);
        assertThat(build.getAction(DbBranchAction.class)).isNull();
    }

    private static WorkflowRun run(JenkinsRule r, String name, String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }
}
