package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.testkit.restore.RestoreScenario;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference scenario of point-in-time restore on Lakebase: branches with {@code source_branch_time}, against the
 * emulator, whose branches of the past are real restores of its server's WAL archive, each on a server of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LakebaseRestoreScenarioTest {
    private final LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build());
    private RestoreScenario scenario;

    @BeforeAll
    void prepareTheSource() throws SQLException {
        scenario = RestoreScenario.prepare(provider, LakebaseEmulator.DEFAULT_BRANCH, TestLakebase::name);
    }

    @AfterAll
    void deleteTheSource() {
        try {
            if (scenario != null) {
                scenario.close();
            }
        } finally {
            provider.close();
            TestLakebase.reset();
        }
    }

    @Test
    void recoveryBranchHasThe32RowsWhileTheSourceHasNone() throws SQLException {
        RestoreResult result = scenario.recoveryBranchHasThe32RowsWhileTheSourceHasNone();

        assertThat(result.connection().port()).as("the endpoint names the port of the branch's own server")
                .isNotEqualTo(TestLakebase.emulator().postgresPort());
    }

    @Test
    void momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind() {
        scenario.momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind();
    }

    @Test
    void theHistoryWindowIsTheProjectsRetention() {
        Instant earliest = provider.historyWindow(scenario.source().name()).earliest();

        assertThat(earliest).isBetween(Instant.now().minus(Duration.ofDays(7)).minusSeconds(60),
                Instant.now().minus(Duration.ofDays(7)));
    }

    @Test
    void unmetVerificationFailsTheRestoreAndDeletesTheRecoveryBranch() {
        scenario.unmetVerificationFailsTheRestoreAndDeletesTheRecoveryBranch();
    }

    @Test
    void unmetVerificationKeepsTheRecoveryBranchWhenAsked() throws SQLException {
        scenario.unmetVerificationKeepsTheRecoveryBranchWhenAsked();
    }
}
