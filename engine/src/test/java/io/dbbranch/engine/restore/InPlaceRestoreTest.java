package io.dbbranch.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.ForwardingProvider;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replace mode goes through {@code restoreInPlace} with the name the previous state is kept under, and never
 * deletes the branch it restored. The local provider cannot restore in place, so the provider here claims it can
 * and records the call instead of restoring.
 */
class InPlaceRestoreTest {
    private final LocalProvider local = TestHistory.provider();
    private final List<String> inPlaceCalls = new ArrayList<>();
    private final ForwardingProvider replacing = new ForwardingProvider(local) {
        @Override
        public Capabilities capabilities() {
            Capabilities real = delegate.capabilities();
            return new Capabilities(true, real.nativeExpiry(), true, real.maxNameLength(), real.minCredentialTtl(),
                    real.maxCredentialTtl(), real.maxBranchTtl());
        }

        @Override
        public BranchInfo restoreInPlace(BranchInfo branch, PointInTime point, String preserveUnderName) {
            inPlaceCalls.add(branch.name() + " to " + point + " keeping " + preserveUnderName);
            return branch;
        }
    };
    private BranchInfo branch;

    @BeforeEach
    void branchWithThreeRows() {
        Instant now = Instant.now();
        branch = local.createBranch(new CreateBranchRequest(TestProviders.uniqueName("inplace"), TestHistory.databaseWithEntities(3),
                PointInTime.HEAD, now.plusSeconds(600), new Labels(TestProviders.OWNER, null, null, null, now, now.plusSeconds(600))));
    }

    @AfterEach
    void deleteIt() {
        local.deleteBranch(branch);
    }

    @Test
    void replaceModeAsksTheProviderToKeepThePreviousStateUnderTheGivenName() {
        PointInTime moment = PointInTime.at(Instant.now().minusSeconds(1));

        RestoreResult result = new PointInTimeRestore(replacing).restore(RestoreRequest.builder(branch.name(), moment)
                .replace(true, "keep-me").verify(new Verification("SELECT count(*) FROM final_entities", Expectation.equalTo(3)))
                .build(), Progress.SILENT);

        assertThat(inPlaceCalls).containsExactly(branch.name() + " to " + moment + " keeping keep-me");
        assertThat(result.preservedAs()).isEqualTo("keep-me");
        assertThat(result.branch().name()).isEqualTo(branch.name());
        assertThat(result.verification().met()).isTrue();
    }

    @Test
    void failedVerificationInReplaceModeNamesThePreservedStateAndDeletesNothing() {
        assertThatThrownBy(() -> new PointInTimeRestore(replacing).restore(RestoreRequest.builder(branch.name(),
                        PointInTime.at(Instant.now())).replace(true, "keep-me")
                .verify(new Verification("SELECT count(*) FROM final_entities", Expectation.equalTo(4))).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("kept as branch 'keep-me'")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
        assertThat(local.findBranch(branch.name())).isPresent();
    }
}
