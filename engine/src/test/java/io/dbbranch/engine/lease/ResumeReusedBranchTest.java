package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeReusedBranchTest {

    @Test
    void aReusedBranchResumedAfterARestartKeepsTheRowsItsBuildsWrote(@TempDir Path secrets) {
        LocalProvider provider = TestProviders.local();
        String parent = TestProviders.parentWithEntities(3);
        String name = TestProviders.uniqueName("pr");
        LeaseSpec spec = LeaseSpec.builder(parent).name(name).owner(TestProviders.OWNER).onExists(OnExists.REUSE)
                .keep(KeepPolicy.WHILE_PR_OPEN).pullRequest("pr:shop#5").data(BranchData.schemaOnly(List.of()))
                .secretsDirectory(secrets).readyTimeout(Duration.ofSeconds(30)).build();
        BranchLease.open(provider, spec, Progress.SILENT).close();
        TestPostgres.execute(name, "INSERT INTO final_entities (id, name, kind) VALUES (42, 'written by build 1', 'odd')");

        try (BranchLease resumed = BranchLease.resume(provider, spec, name, ExistingBranch.Origin.REUSED, Progress.SILENT)) {
            assertThat(resumed.origin()).isEqualTo(ExistingBranch.Origin.REUSED);
            assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM final_entities")).as("not emptied again").isEqualTo(1);
        } finally {
            provider.findBranch(name).ifPresent(provider::deleteBranch);
        }
    }
}
