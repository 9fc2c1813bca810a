package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.testkit.capacity.BranchLimitScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Neon's branch limit (422 BRANCHES_LIMIT_EXCEEDED, as the emulator answers over --max-branches) is waited on. */
class NeonBranchLimitTest {
    @RegisterExtension
    static final NeonTestbed NEON = new NeonTestbed();

    private NeonProvider provider;
    private BranchLimitScenario scenario;

    @BeforeEach
    void start(@TempDir Path secrets) {
        provider = NEON.provider();
        scenario = new BranchLimitScenario(provider, NEON.emulator.tuning()::maxBranches, NEON.branchesBesideMain().size(),
                () -> NEON.lease(secrets));
    }

    @AfterEach
    void stop() {
        NEON.emulator.tuning().maxBranches(0);
        provider.close();
        assertThat(NEON.branchesBesideMain()).as("nothing left behind").isEmpty();
    }

    @Test
    void aLeaseRefusedForTheQuotaWaitsAndGetsTheFreedSlot() throws Exception {
        scenario.aLeaseRefusedForTheQuotaWaitsAndGetsTheFreedSlot();
    }

    /**
     * In a project that refuses {@code expires_at}, a branch whose build died lives on with an expired dead-man's switch
     * (in its annotation) until our reaper takes it: exactly what a lease refused for the quota reclaims first.
     */
    @Test
    void expiredBranchesOfTheOwnerAreReclaimedBeforeWaiting() throws Exception {
        NEON.emulator.tuning().refuseExpiry(true);
        try {
            scenario.expiredBranchesOfTheOwnerAreReclaimedBeforeWaiting(NeonTestbed.OWNER, "ci-expired-neon");
        } finally {
            NEON.emulator.tuning().refuseExpiry(false);
        }
    }

    @Test
    void withoutAWaitTheRefusalFailsAsQuotaExceeded() {
        scenario.withoutAWaitTheRefusalFailsAsQuotaExceeded();
    }
}
