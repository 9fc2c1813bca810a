package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.dbbranch.engine.capacity.BranchSlots;
import io.dbbranch.engine.capacity.QueueSnapshot;
import io.jenkins.plugins.dbbranch.config.LocalConnection;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.util.List;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class WaitingForABranchSlotTest {

    @Test
    void aBuildWaitsItsTurnWhereEveryoneCanSeeItAndLeavesTheQueueAtOnceWhenAborted(JenkinsRule r) throws Exception {
        LocalConnection local = TestDatabases.useLocalConnection();
        local.setMaxBranches(1);
        local.setMaxWait("10m");
        String parent = TestDatabases.parentWithEntities(1);
        String script = "withDbBranch(parent: '%s') { sleep 600 }".formatted(parent);
        WorkflowRun holder = Pipelines.create(r, "holder", script).scheduleBuild2(0).waitForStart();
        r.waitForMessage("is ready at", holder);

        WorkflowRun waiter = Pipelines.create(r, "waiter", script).scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for a branch slot on local: next in line", waiter);

        assertThat(statusOf(waiter)).contains("waiting for a branch slot on local: next in line");
        HtmlPage page = r.createWebClient().goTo("manage/database-branches");
        assertThat(page.<DomNode>querySelector("#dbbranch-connection-local .dbbranch-waiter").asNormalizedText()).contains("waiter #1");

        waiter.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(waiter));
        assertThat(queue().waiters()).as("the aborted build left the queue").isEmpty();
        assertThat(queue().holders()).extracting(QueueSnapshot.Entry::who).containsExactly("holder #1");

        holder.doStop();
        r.waitForCompletion(holder);
        assertThat(queue().holders()).as("the holder's slot is free again").isEmpty();
    }

    private static QueueSnapshot queue() {
        return BranchSlots.forConnection("local").snapshot();
    }

    private static String statusOf(WorkflowRun run) throws Exception {
        List<StepExecution> executions = run.getExecution().getCurrentExecutions(true).get();
        return executions.stream().map(StepExecution::getStatus).filter(status -> status != null).reduce("", String::concat);
    }
}
