package io.jenkins.plugins.dbbranch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReaperPassTest {

    @Test
    void onlyThisControllersBranchesOfFinishedBuildsAreDeleted(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        r.createFreeStyleProject("finished").scheduleBuild2(0).get();
        String parent = TestDatabases.parentWithEntities(1);
        String us = ControllerOwner.get();
        String ofFinishedBuild = branch(parent, us, "finished", "1", Instant.now().plusSeconds(3600));
        String ofDeletedJob = branch(parent, us, "deleted-long-ago", "7", Instant.now().plusSeconds(3600));
        String expired = branch(parent, us, null, null, Instant.now().minusSeconds(60));
        String ofAnotherController = branch(parent, "https://other-jenkins.example.com/", "finished", "1", Instant.now().minusSeconds(60));

        Map<String, ReapReport> reports = ReaperPass.run(TaskListener.NULL);

        assertThat(reports).containsKey("local");
        assertThat(TestDatabases.databaseExists(ofFinishedBuild)).isFalse();
        assertThat(TestDatabases.databaseExists(ofDeletedJob)).isFalse();
        assertThat(TestDatabases.databaseExists(expired)).isFalse();
        assertThat(TestDatabases.databaseExists(ofAnotherController)).isTrue();
        assertThat(reports.get("local").skipped()).anyMatch(entry -> entry.branch().equals(ofAnotherController)
                && entry.reason().contains("other-jenkins"));
    }

    private static String branch(String parent, String owner, String job, String build, Instant expiresAt) {
        String name = TestProviders.uniqueName("ci-reap");
        Labels labels = new Labels(owner, job, build, null, Instant.now().minus(Duration.ofMinutes(1)), expiresAt);
        new LocalProvider(TestPostgres.cluster(), owner).createBranch(new CreateBranchRequest(name, parent, PointInTime.HEAD, expiresAt, labels));
        return name;
    }
}
