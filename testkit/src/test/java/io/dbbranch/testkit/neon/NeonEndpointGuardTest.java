package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that reports another branch is never used: a peer's tool once handed out the parent's URL, and a
 * build's migrations ran on main.
 */
class NeonEndpointGuardTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @AfterEach
    void onlyMainIsLeftUntouched() {
        testbed.emulator.tuning().reportWrongEndpointBranch(0);
        assertThat(testbed.branchesBesideMain()).isEmpty();
        assertThat(testbed.emulator.roleNames("main")).isEmpty();
    }

    @Test
    void aCreateWhoseEndpointServesTheParentFailsLoudlyAndDeletesTheNewBranch(@TempDir Path secrets) {
        testbed.emulator.tuning().reportWrongEndpointBranch(1);
        String mainId = testbed.mainDatabase();

        try (NeonProvider provider = testbed.provider()) {
            assertThatThrownBy(() -> BranchLease.open(provider, testbed.lease(secrets).build(), Progress.SILENT))
                    .isInstanceOf(DbBranchException.class)
                    .hasMessageContaining("but the endpoint serves branch " + mainId)
                    .hasMessageContaining("refusing to use it")
                    .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        }
        assertThat(testbed.databaseExists(mainId)).isTrue();
    }

    @Test
    void anEndpointThatLaterReportsTheParentIsRefusedBeforeAnyLogin() {
        try (NeonProvider provider = testbed.provider()) {
            BranchInfo branch = provider.createBranch(NeonRequests.request("guarded", Instant.now().plusSeconds(600)));
            testbed.emulator.tuning().reportWrongEndpointBranch(1);
            try {
                assertThatThrownBy(() -> provider.awaitReady(branch, Duration.ofSeconds(30), Progress.SILENT))
                        .isInstanceOf(DbBranchException.class)
                        .hasMessageContaining("for branch " + branch.id() + ", but the endpoint serves branch "
                                + testbed.mainDatabase());
            } finally {
                provider.deleteBranch(branch);
            }
        }
    }
}
