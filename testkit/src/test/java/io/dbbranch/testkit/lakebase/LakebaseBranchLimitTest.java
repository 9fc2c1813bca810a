package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.testkit.capacity.BranchLimitScenario;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lakebase's branch limit (429 RESOURCE_EXHAUSTED with a QuotaFailure, as the emulator answers over --max-branches)
 * is waited on, not retried blindly nor failed. (Reclaiming expired branches is shown on Neon, where a branch's labels
 * can say it expired while the service still keeps it; on Lakebase the service's own expiry deletes it.)
 */
class LakebaseBranchLimitTest {
    private LakebaseProvider provider;
    private BranchLimitScenario scenario;

    @BeforeEach
    void start(@TempDir Path secrets) {
        provider = new LakebaseProvider(TestLakebase.config().build());
        int others = (int) TestLakebase.emulator().branchIds().stream().filter(id -> !id.equals("main")).count();
        scenario = new BranchLimitScenario(provider, TestLakebase.emulator().tuning()::maxBranches, others,
                () -> LeaseSpec.builder("main").owner("test-owner").job("limit").readyTimeout(Duration.ofSeconds(60))
                        .secretsDirectory(secrets));
    }

    @AfterEach
    void stop() {
        TestLakebase.reset();
        provider.close();
    }

    @Test
    void aLeaseRefusedForTheQuotaWaitsAndGetsTheFreedSlot() throws Exception {
        scenario.aLeaseRefusedForTheQuotaWaitsAndGetsTheFreedSlot();
    }

    @Test
    void withoutAWaitTheRefusalFailsAsQuotaExceeded() {
        scenario.withoutAWaitTheRefusalFailsAsQuotaExceeded();
    }
}
