package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NeonRestoreTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @Test
    void aBranchRestoredToAnotherKeepsItsPreviousStateUnderTheGivenName() {
        Instant expiry = Instant.now().plusSeconds(600);
        try (NeonProvider provider = testbed.provider()) {
            BranchInfo target = provider.createBranch(NeonRequests.request("restore-target", expiry));
            provider.awaitReady(target, Duration.ofSeconds(30), Progress.SILENT);
            TestPostgres.execute(target.id(), "DELETE FROM final_entities WHERE id > 3");

            BranchInfo restored = provider.restore("restore-target", "main", PointInTime.HEAD, "restore-target-before",
                    Duration.ofSeconds(30), Progress.SILENT);

            assertThat(restored.id()).isEqualTo(target.id());
            assertThat(TestPostgres.queryLong(target.id(), "SELECT count(*) FROM final_entities")).isEqualTo(10);
            BranchInfo kept = provider.findBranch("restore-target-before").orElseThrow();
            assertThat(TestPostgres.queryLong(kept.id(), "SELECT count(*) FROM final_entities")).isEqualTo(3);

            provider.deleteBranch(kept);
            provider.deleteBranch(target);
        }
        assertThat(testbed.branchesBesideMain()).isEmpty();
    }

    @Test
    void restoringABranchFromItsOwnHistoryNeedsANameForItsCurrentState() {
        try (NeonProvider provider = testbed.provider()) {
            assertThatThrownBy(() -> provider.restore("main", "main", PointInTime.at(Instant.now().minusSeconds(60)), null,
                    Duration.ofSeconds(10), Progress.SILENT))
                    .isInstanceOf(DbBranchException.class)
                    .hasMessageContaining("Name the branch its current state is kept under");
        }
    }
}
