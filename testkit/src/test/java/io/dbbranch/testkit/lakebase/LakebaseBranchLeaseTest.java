package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.testkit.emulator.Fault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's real branch lease on the Lakebase provider, against the emulator. */
class LakebaseBranchLeaseTest {
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void aLeaseGivesAWorkingBranchAndLeavesNothingWhenClosed(@TempDir Path secrets) throws Exception {
        LakebaseEmulator emulator = TestLakebase.emulator();
        emulator.faults().inject("branches.create", Fault.resetAfterActing())
                .inject("endpoints.list", Fault.unavailable());
        LeaseSpec spec = LeaseSpec.builder("main").owner("test-owner").job("shop/api").build("42")
                .readyTimeout(Duration.ofSeconds(60)).secretsDirectory(secrets).build();
        String name;
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            try (BranchLease lease = BranchLease.open(provider, spec, progress::add)) {
                name = lease.branch().name();
                assertThat(name).startsWith("ci-shop-api-42-");
                assertThat(emulator.branchIds()).containsOnlyOnce(name);
                BranchInfo found = provider.findBranch(name).orElseThrow();
                assertThat(found.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(20)));
                try (Connection db = LakebaseLeaseFlowTest.connect(lease.connection(), lease.credential());
                     Statement sql = db.createStatement();
                     ResultSet row = sql.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("hello from main");
                }
            }
            assertThat(provider.findBranch(name)).isEmpty();
        }
        assertThat(emulator.branchIds()).doesNotContain(name);
        assertThat(progress).anyMatch(line -> line.contains("is ready at 127.0.0.1:"));
    }
}
