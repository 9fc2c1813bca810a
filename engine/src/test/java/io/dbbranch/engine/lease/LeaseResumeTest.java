package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A controller that restarts in the middle of a build takes its branch over again, or deletes it. */
class LeaseResumeTest {
    @TempDir
    Path secrets;

    @Test
    void aResumedLeaseHasTheSameBranchAndAFreshCredentialThatLogsIn() throws Exception {
        LocalProvider provider = TestProviders.local();
        String parent = TestProviders.parentWithEntities(3);
        BranchInfo orphan = branchLeftByACrashedController(provider, parent, TestProviders.OWNER, Instant.now().plusSeconds(600));

        try (BranchLease lease = BranchLease.resume(provider, spec(parent), orphan.name(), Progress.SILENT)) {
            assertThat(lease.branch().id()).isEqualTo(orphan.id());
            assertThat(lease.environment().variables()).containsEntry("DB_BRANCH_NAME", orphan.name());
            try (Connection connection = ReadinessProbe.open(lease.connection(), lease.credential())) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(provider.findBranch(orphan.name()).orElseThrow().expiresAt()).isAfter(Instant.now().plusSeconds(1200));
        }

        assertThat(TestProviders.databaseExists(orphan.name())).isFalse();
    }

    @Test
    void aBranchOfAnotherOwnerIsNeverTakenOverNorDeleted() {
        LocalProvider provider = TestProviders.local();
        String parent = TestProviders.parentWithEntities(1);
        BranchInfo foreign = branchLeftByACrashedController(provider, parent, "https://other-controller/", Instant.now().plusSeconds(600));

        assertThatThrownBy(() -> BranchLease.resume(provider, spec(parent), foreign.name(), Progress.SILENT))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessageContaining("https://other-controller/");

        assertThat(TestProviders.databaseExists(foreign.name())).isTrue();
        provider.deleteBranch(foreign);
    }

    @Test
    void aBranchWhoseExpiryPassedWhileTheControllerWasDownIsDeletedAndNotResumed() {
        LocalProvider provider = TestProviders.local();
        String parent = TestProviders.parentWithEntities(1);
        BranchInfo expired = branchLeftByACrashedController(provider, parent, TestProviders.OWNER, Instant.now().minusSeconds(5));

        assertThatThrownBy(() -> BranchLease.resume(provider, spec(parent), expired.name(), Progress.SILENT))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("expiry passed");

        assertThat(TestProviders.databaseExists(expired.name())).isFalse();
    }

    @Test
    void aBranchThatIsGoneIsReportedAsNotFound() {
        String parent = TestProviders.parentWithEntities(1);

        assertThatThrownBy(() -> BranchLease.resume(TestProviders.local(), spec(parent), "ci-never-made", Progress.SILENT))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("ci-never-made");
    }

    private LeaseSpec spec(String parent) {
        return LeaseSpec.builder(parent).owner(TestProviders.OWNER).secretsDirectory(secrets).build();
    }

    private static BranchInfo branchLeftByACrashedController(LocalProvider provider, String parent, String owner, Instant expiresAt) {
        String name = TestProviders.uniqueName("ci-resume");
        Labels labels = new Labels(owner, "shop/api", "42", null, Instant.now().minus(Duration.ofMinutes(5)), expiresAt);
        return provider.createBranch(new CreateBranchRequest(name, parent, PointInTime.HEAD, expiresAt, labels));
    }
}
