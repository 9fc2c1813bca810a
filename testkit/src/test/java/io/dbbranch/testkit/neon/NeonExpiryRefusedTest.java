package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A project outside Neon's early access refuses {@code expires_at}: branches are made anyway, the reaper expires them. */
class NeonExpiryRefusedTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @Test
    void aRefusedExpiryIsLeftOutOnceAndTheReaperEnforcesTheLabelsExpiry() {
        testbed.emulator.tuning().refuseExpiry(true);
        Instant expiry = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        try (NeonProvider provider = testbed.provider()) {
            BranchInfo first = provider.createBranch(NeonRequests.request("noexp-1", expiry));
            provider.createBranch(NeonRequests.request("noexp-2", expiry));
            provider.extendExpiry(first, expiry.plus(Duration.ofHours(1)));

            assertThat(first.expiresAt()).as("the expiry kept in our annotation").isEqualTo(expiry);
            assertThat(provider.findBranch("noexp-2").orElseThrow().labels().expiresAt()).isEqualTo(expiry);
            assertThat(testbed.requests("POST", "/branches", "400")).as("refused once, then left out").isEqualTo(1);
            assertThat(testbed.requests("POST", "/branches", "201")).isEqualTo(2);
            assertThat(testbed.requests("PATCH", "/branches/" + first.id(), "")).isZero();

            Clock later = Clock.fixed(expiry.plusSeconds(1), ZoneOffset.UTC);
            ReapReport report = new Reaper(provider, NeonTestbed.OWNER, Reaper.BuildLiveness.UNKNOWN, later)
                    .reap("noexp-", false, false, Progress.SILENT);

            assertThat(report.deleted()).hasSize(2);
            assertThat(testbed.branchesBesideMain()).doesNotContain("noexp-1", "noexp-2");
        } finally {
            testbed.emulator.tuning().refuseExpiry(false);
        }
    }
}
