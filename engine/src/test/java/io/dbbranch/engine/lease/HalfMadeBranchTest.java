package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HalfMadeBranchTest {

    @Test
    void aBranchALeaseLeftHalfMadeAndExpiredIsMadeAnewInsteadOfAwaited(@TempDir Path secrets) {
        LocalProvider provider = TestProviders.local();
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("half");
        Instant past = Instant.now().minusSeconds(60);
        Labels expired = new Labels(TestProviders.OWNER, "shop", "6", null, past.minusSeconds(600), past);
        provider.createBranch(new CreateBranchRequest(name, parent, PointInTime.HEAD, past, expired));
        // As if killed between the role and the database: the role, with its labels, is all there is.
        TestPostgres.execute("postgres", "DROP DATABASE \"" + name + "\"");
        assertThat(provider.findBranch(name)).get().extracting(b -> b.state()).isEqualTo(BranchState.CREATING);

        LeaseSpec spec = LeaseSpec.builder(parent).name(name).owner(TestProviders.OWNER).onExists(OnExists.REUSE)
                .secretsDirectory(secrets).readyTimeout(Duration.ofSeconds(5)).build();
        try (BranchLease lease = BranchLease.open(provider, spec, Progress.SILENT)) {
            assertThat(lease.origin()).isEqualTo(ExistingBranch.Origin.RECREATED);
            assertThat(lease.branch().state()).isEqualTo(BranchState.READY);
        }
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }
}
