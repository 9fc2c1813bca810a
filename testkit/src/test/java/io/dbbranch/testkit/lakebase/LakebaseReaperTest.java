package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash-proofing on Lakebase (issue 13 §1): a branch is ours from the moment it exists (its id carries our prefix,
 * its create time and expiry come with it), so one whose creator died right after the create is the reaper's once
 * it expires; there is no moment at which it exists without what the reaper judges by.
 */
class LakebaseReaperTest {

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void aBranchWhoseCreatorDiedRightAfterTheCreateIsReapedOnceItExpires() {
        String name = TestLakebase.name("orphan");
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo orphan = provider.createBranch(TestLakebase.request(name));
            Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

            ReapReport now = new Reaper(provider, "test-owner", Reaper.BuildLiveness.UNKNOWN, Clock.systemUTC())
                    .reap(name, false, false, Progress.SILENT);
            ReapReport later = new Reaper(provider, "test-owner", Reaper.BuildLiveness.UNKNOWN, twoHoursLater)
                    .reap(name, false, false, Progress.SILENT);

            assertThat(orphan.labels()).as("labelled from birth").isNotNull();
            assertThat(now.deleted()).as("alive until its expiry").isEmpty();
            assertThat(later.deleted()).extracting(ReapReport.Entry::branch).containsExactly(name);
            assertThat(provider.findBranch(name)).isEmpty();
        }
    }
}
