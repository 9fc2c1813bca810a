package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.DataPolicy;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.testing.PersonalData;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masking scenario on Lakebase: the lease's role there is the configured one, not the tables' owner, so masking
 * runs as that role (never the workspace's administrator) and says that it could not recompute statistics.
 */
class LakebaseMaskedBranchTest {
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void aMaskedBranchOfTheShopHoldsNoRealValueAndTheParentKeepsThem(@TempDir Path secrets) throws Exception {
        LakebaseEmulator emulator = TestLakebase.emulator();
        String shop = TestLakebase.name("shop");
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo parent = provider.createBranch(TestLakebase.request(shop));
            try {
                provider.awaitReady(parent, Duration.ofSeconds(60), progress::add);
                emulator.postgres().adminExecute(shop, PersonalData.SCHEMA);
                LeaseSpec spec = LeaseSpec.builder(shop).owner("test-owner").readyTimeout(Duration.ofSeconds(60)).secretsDirectory(secrets)
                        .data(BranchData.masked(PersonalData.rules().withAllowUnmasked(List.of(ColumnRef.parse("greeting.text")))))
                        .build();
                try (BranchLease lease = BranchLease.open(provider, spec, progress::add);
                     Connection branch = LakebaseLeaseFlowTest.connect(lease.connection(), lease.credential());
                     Connection parentDb = emulator.postgres().cluster().connectAdmin(shop)) {
                    PersonalData.assertMasked(parentDb, branch);
                    assertThat(lease.data().policy()).isEqualTo(DataPolicy.MASKED);
                    assertThat(lease.data().maskedRows()).isEqualTo(PersonalData.CUSTOMERS + 120);
                    assertThat(lease.data().warnings()).anyMatch(w -> w.startsWith("the statistics of public.customers were not recomputed"));
                }
            } finally {
                provider.deleteBranch(parent);
            }
        }
    }
}
