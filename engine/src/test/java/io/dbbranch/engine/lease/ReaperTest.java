package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReaperTest {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(1));
    private final Instant now = Instant.now();

    @Test
    void onlyOurExpiredBranchesAndBranchesOfFinishedBuildsAreDeleted() {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = TestProviders.uniqueName("reap") + "-";
        branch(prefix + "expired", parent, TestProviders.OWNER, "1", now.minusSeconds(60));
        branch(prefix + "live", parent, TestProviders.OWNER, "2", now.plusSeconds(600));
        branch(prefix + "finished", parent, TestProviders.OWNER, "3", now.plusSeconds(600));
        branch(prefix + "theirs", parent, "https://other-jenkins/", "4", now.minusSeconds(60));
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + prefix + "unlabelled\"");
        Reaper.BuildLiveness liveness = labels -> Optional.of(!"3".equals(labels.build()));

        ReapReport report = new Reaper(provider, TestProviders.OWNER, liveness, Clock.systemUTC())
                .reap(prefix, false, false, Progress.SILENT);

        assertThat(report.deleted()).extracting(ReapReport.Entry::branch).containsExactlyInAnyOrder(prefix + "expired", prefix + "finished");
        assertThat(report.skipped()).extracting(ReapReport.Entry::branch)
                .containsExactlyInAnyOrder(prefix + "live", prefix + "theirs", prefix + "unlabelled");
        assertThat(TestProviders.databaseExists(prefix + "expired")).isFalse();
        assertThat(TestProviders.databaseExists(prefix + "theirs")).isTrue();
        assertThat(TestProviders.databaseExists(prefix + "unlabelled")).isTrue();
    }

    @Test
    void aDryRunListsWhatWouldGoAndDeletesNothing() {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = TestProviders.uniqueName("dry") + "-";
        branch(prefix + "expired", parent, TestProviders.OWNER, "1", now.minusSeconds(60));

        ReapReport report = new Reaper(provider, TestProviders.OWNER, Reaper.BuildLiveness.UNKNOWN, Clock.systemUTC())
                .reap(prefix, true, false, Progress.SILENT);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.deleted()).extracting(ReapReport.Entry::reason).singleElement().asString().startsWith("expired at");
        assertThat(TestProviders.databaseExists(prefix + "expired")).isTrue();
    }

    @Test
    void expiredBranchesOfOtherOwnersGoOnlyWhenAskedFor() {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = TestProviders.uniqueName("any") + "-";
        branch(prefix + "theirs-expired", parent, "cli@laptop", "1", now.minusSeconds(60));
        branch(prefix + "theirs-live", parent, "cli@laptop", "2", now.plusSeconds(600));

        ReapReport report = new Reaper(provider, TestProviders.OWNER, Reaper.BuildLiveness.UNKNOWN, Clock.systemUTC())
                .reap(prefix, false, true, Progress.SILENT);

        assertThat(report.deleted()).extracting(ReapReport.Entry::branch).containsExactly(prefix + "theirs-expired");
        assertThat(TestProviders.databaseExists(prefix + "theirs-live")).isTrue();
    }

    private BranchInfo branch(String name, String parent, String owner, String build, Instant expiresAt) {
        Labels labels = new Labels(owner, "shop", build, null, now.minusSeconds(3600), expiresAt);
        return provider.createBranch(new CreateBranchRequest(name, parent, PointInTime.HEAD, expiresAt, labels));
    }
}
