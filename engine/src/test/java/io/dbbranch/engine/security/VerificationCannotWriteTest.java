package io.dbbranch.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.ClusterSql;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The promise: a verification query only reads; one that tries to write fails saying so, and the data stays. */
class VerificationCannotWriteTest {
    private static final String DELETE = "DELETE FROM final_entities RETURNING 1";

    @Test
    void aDeletingVerificationFailsTheRestoreAndLeavesTheRecoveryBranchIntact() {
        LocalProvider provider = TestHistory.provider();
        String source = TestHistory.databaseWithEntities(5);
        String name = TestProviders.uniqueName("verify");

        assertThatThrownBy(() -> new PointInTimeRestore(provider).restore(RestoreRequest.builder(source, PointInTime.at(Instant.now()))
                        .name(name).verify(new Verification(DELETE, Expectation.nonEmpty())).keepOnFailedVerification(true).build(),
                Progress.SILENT))
                .hasMessageContaining("the query tried to write, and a verification may only read");
        try {
            BranchInfo kept = provider.findBranch(name).orElseThrow();
            ConnectionDetails connection = provider.awaitReady(kept, Duration.ofSeconds(30), Progress.SILENT);
            assertThat(ClusterSql.query(provider.history().orElseThrow().recoveries().cluster(name), name,
                    "SELECT count(*) FROM final_entities")).isEqualTo("5");
            assertThat(connection.database()).isEqualTo(name);
        } finally {
            provider.findBranch(name).ifPresent(provider::deleteBranch);
        }
    }

    @Test
    void runOnAnyBranchRefusesAWriteWithState25006() {
        LocalProvider provider = TestProviders.local();
        String parent = TestProviders.parentWithEntities(3);
        Instant now = Instant.now();
        BranchInfo branch = provider.createBranch(new CreateBranchRequest(TestProviders.uniqueName("verify"), parent,
                PointInTime.HEAD, now.plusSeconds(600), new Labels(TestProviders.OWNER, "job", "1", null, now, now.plusSeconds(600))));
        try {
            ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(10), Progress.SILENT);
            Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));

            assertThatThrownBy(() -> new Verification("SELECT 1; COMMIT; " + DELETE, Expectation.nonEmpty()).runOn(connection, credential))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            assertThat(TestPostgres.queryLong(branch.name(), "SELECT count(*) FROM final_entities")).isEqualTo(3);
        } finally {
            provider.deleteBranch(branch);
        }
    }
}
