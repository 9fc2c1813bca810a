package io.jenkins.plugins.dbbranch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.dbbranch.engine.testing.TestProviders;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class PullRequestBranchTest {

    @Test
    void twoBuildsOfOnePullRequestUseOneBranchThatIsReapedOnceThePullRequestIsClosed(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        String parent = TestDatabases.parentWithEntities(3);
        String branch = TestProviders.uniqueName("pr-42");
        // Build 1 adds a row; build 2 counts them: 4 on the same branch, 3 on a fresh one.
        WorkflowJob pullRequest = Pipelines.create(r, "PR-42", """
                withEnv(['CHANGE_ID=42']) {
                    withDbBranch(parent: '%s', name: '%s', onExists: 'reuse', keep: 'whilePrOpen') {
                        if (currentBuild.number == 1) {
                            echo "added=${branchQuery("with added as (insert into final_entities (id, name, kind) values (99, 'from build 1', 'odd') returning 1) select count(*) from added")}"
                        }
                        echo "rows=${branchQuery('select count(*) from final_entities')}"
                    }
                }
                """.formatted(parent, branch));

        WorkflowRun first = r.buildAndAssertSuccess(pullRequest);
        WorkflowRun second = r.buildAndAssertSuccess(pullRequest);

        assertThat(Logs.value(first, "added")).isEqualTo("1");
        assertThat(Logs.value(second, "rows")).isEqualTo("4");
        r.assertLogContains("reusing branch " + branch, second);
        assertThat(TestDatabases.databaseExists(branch)).isTrue();
        HtmlPage page = r.createWebClient().goTo("manage/database-branches");
        assertThat(page.<DomNode>querySelector("tr[data-branch='" + branch + "']").asNormalizedText())
                .contains("PR-42 #1").contains("kept while pull request job:PR-42 is open");

        ReaperPass.run(TaskListener.NULL);
        assertThat(TestDatabases.databaseExists(branch)).as("kept while the pull request's job is there").isTrue();
        pullRequest.delete();
        ReaperPass.run(TaskListener.NULL);
        assertThat(TestDatabases.databaseExists(branch)).as("reaped once the pull request's job is gone").isFalse();
    }
}
