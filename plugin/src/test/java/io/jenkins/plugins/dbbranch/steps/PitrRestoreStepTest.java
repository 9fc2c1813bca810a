package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.testing.TestHistory;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.LocalConnection;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.TestCredentials;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.util.List;
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

        r.assertLogContains("Restore to '2026-03-01 09:30': the timestamp has no offset, so it could be any time zone", build);
    }

    @Test
    void aServerWithoutHistoryRefusesBeforeMakingAnything(JenkinsRule r) throws Exception {
        TestCredentials.admin("pg-admin");
        TestCredentials.usePostgresConnection("pg-admin");
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowRun build = run(r, "nohistory", "pitrRestore(branch: '" + parent + "', timestamp: '2026-03-01T09:30:00Z')",
                Result.FAILURE);

        r.assertLogContains("the postgres provider cannot branch from the past", build);
        assertThat(build.getAction(DbBranchAction.class)).isNull();
    }

    @Test
    void theUndoButtonBringsBackWhatWasDeletedAfterABuildStartedAndKeepsTheRecoveryBranch(JenkinsRule r) throws Exception {
        LocalProvider history = useConnectionWithHistory();
        String parent = TestHistory.databaseWithEntities(32);
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("echo 'deploying'", true));
        r.buildAndAssertSuccess(job);
        TestHistory.execute(parent, "DELETE FROM final_entities");
        job.setDefinition(new CpsFlowDefinition("""
                def recovery = pitrRestore(branch: '%s', beforeBuild: 1, verify: 'select count(*) from final_entities', expect: '32')
                echo "branch=${recovery.branch}"
                echo "kept=${recovery.kept}"
                echo "lsn=${recovery.restorePoint.lsn}"
                """.formatted(parent), true));

        WorkflowRun undo = r.buildAndAssertSuccess(job);

        String branch = Logs.value(undo, "branch");
        try {
            assertThat(Logs.value(undo, "kept")).isEqualTo("true");
            assertThat(Logs.value(undo, "lsn")).matches("[0-9A-F]+/[0-9A-F]+");
            r.assertLogContains("returned 32, expected = 32", undo);
            assertThat(TestHistory.queryLong(parent, "select count(*) from final_entities")).isZero();
            BranchRecord record = TestDatabases.onlyRecord(undo);
            assertThat(record.getStatus()).isEqualTo(BranchRecord.Status.KEPT);
            assertThat(record.getStep()).isEqualTo("pitrRestore");
            assertThat(record.getRestorePoint()).contains("LSN");
        } finally {
            history.findBranch(branch).ifPresent(history::deleteBranch);
        }
    }

    @Test
    void aRestoreDrillProvesTheRestoreAndDeletesTheBranch(JenkinsRule r) throws Exception {
        LocalProvider history = useConnectionWithHistory();
        String parent = TestHistory.databaseWithEntities(5);
        Thread.sleep(2000); // so that "1 second ago" is after the rows were written
        WorkflowRun drill = run(r, "drill", """
                def recovery = pitrRestore(branch: '%s', timestamp: '1 second ago', keep: 'never', verify: 'select count(*) = 5 from final_entities')
                echo "branch=${recovery.branch}"
                """.formatted(parent), Result.SUCCESS);

        String branch = Logs.value(drill, "branch");
        assertThat(history.findBranch(branch)).isEmpty();
        assertThat(TestDatabases.onlyRecord(drill).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
    }

    /** The only connection, {@code history}: the engine's test cluster that archives its WAL. */
    private static LocalProvider useConnectionWithHistory() {
        LocalProvider history = TestHistory.provider();
        LocalConnection local = new LocalConnection("history");
        local.setHome(history.cluster().directory().getParent().toString());
        DbBranchConfiguration.get().setConnections(List.of(local));
        return history;
    }

    private static WorkflowRun run(JenkinsRule r, String name, String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }
}
