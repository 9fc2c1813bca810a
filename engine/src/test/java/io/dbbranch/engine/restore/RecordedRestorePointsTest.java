package io.dbbranch.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.RecordedRestorePoint;
import io.dbbranch.engine.migration.RestorePointLog;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordedRestorePointsTest {

    @Test
    void aPointRecordedOnTheParentIsFoundByItsName() {
        String parent = TestProviders.parentWithEntities(1);
        LocalCluster cluster = TestPostgres.cluster();
        RecordedRestorePoint recorded = new RestorePointLog(MigrationTarget.of(cluster.details(parent).jdbcUrl(),
                LocalCluster.ADMIN_USER, cluster.adminPassword())).create("before-release-7", "test", "test@dbbranch");
        BranchProvider provider = TestProviders.local();

        RecordedRestorePoints names = new RecordedRestorePoints(provider, parent);

        assertThat(names.resolve("before-release-7")).contains(recorded.pointInTime());
        assertThat(names.resolve("never-recorded")).isEmpty();
    }

    @Test
    void aVerificationRunsOnAnyBranchAndABooleanFalseFailsIt() throws Exception {
        String parent = TestProviders.parentWithEntities(3);
        LocalCluster cluster = TestPostgres.cluster();
        Credential admin = new Credential(LocalCluster.ADMIN_USER, cluster.adminPassword(), Instant.now().plusSeconds(60), false);

        VerificationResult three = new Verification("SELECT count(*) FROM final_entities", Expectation.equalTo(3))
                .runOn(cluster.details(parent), admin);
        VerificationResult none = new Verification("SELECT count(*) > 3 FROM final_entities", Expectation.nonEmpty())
                .runOn(cluster.details(parent), admin);

        assertThat(three.met()).isTrue();
        assertThat(none.met()).isFalse();
        assertThat(none.firstValue()).isEqualTo("f");
    }
}
