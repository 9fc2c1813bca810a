package io.jenkins.plugins.dbbranch.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class FreestyleWrapperTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void aFreestyleBuildGetsTheSameMaskedVariablesAndItsBranchIsDeletedAfterTheSteps() throws Exception {
        FreeStyleProject project = project("freestyle", TestDatabases.parentWithEntities(2), null);
        project.getBuildersList().add(new Shell("""
                echo "branch=$DB_BRANCH_NAME"
                echo "password=$PGPASSWORD"
                echo "url=$DATABASE_URL"
                echo "host=$PGHOST port=$PGPORT"
                """));

        FreeStyleBuild build = r.buildAndAssertSuccess(project);

        String branch = Logs.value(build, "branch");
        r.assertLogContains("password=****", build);
        r.assertLogContains("url=****", build);
        r.assertLogContains("host=127.0.0.1", build);
        assertThat(TestDatabases.databaseExists(branch)).isFalse();
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        assertThat(TestDatabases.onlyRecord(build).getStep()).isEqualTo("wrapper");
    }

    @Test
    void aFailedBuildCountsAsAFailedBodyForKeepOnFailure() throws Exception {
        FreeStyleProject project = project("freestyle-red", TestDatabases.parentWithEntities(1), "onFailure");
        project.getBuildersList().add(new Shell("echo \"branch=$DB_BRANCH_NAME\"; exit 1"));

        FreeStyleBuild build = r.buildAndAssertStatus(Result.FAILURE, project);

        String branch = Logs.value(build, "branch");
        assertThat(TestDatabases.databaseExists(branch)).isTrue();
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.KEPT);
    }

    @Test
    void theWrapperSurvivesAConfigurationRoundTrip() throws Exception {
        FreeStyleProject project = project("roundtrip", "main", "always");
        DbBranchBuildWrapper before = project.getBuildWrappersList().get(DbBranchBuildWrapper.class);
        before.setTtl("2h");
        before.setEnvPrefix("ORDERS_");

        r.configRoundtrip(project);

        DbBranchBuildWrapper after = project.getBuildWrappersList().get(DbBranchBuildWrapper.class);
        assertThat(after).isNotSameAs(before);
        r.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void inAPipelineTheWrapperRefersToWithDbBranchAndMakesNoBranch() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "wrapped");
        job.setDefinition(new CpsFlowDefinition("node { wrap([$class: 'DbBranchBuildWrapper']) { echo 'never runs' } }", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("In a Pipeline, use withDbBranch", build);
        assertThat(build.getAction(DbBranchAction.class)).isNull();
    }

    private FreeStyleProject project(String name, String parent, String keep) throws Exception {
        FreeStyleProject project = r.createFreeStyleProject(name);
        DbBranchBuildWrapper wrapper = new DbBranchBuildWrapper();
        wrapper.setConnection("local");
        wrapper.setParent(parent);
        wrapper.setKeep(keep);
        project.getBuildWrappersList().add(wrapper);
        return project;
    }
}
