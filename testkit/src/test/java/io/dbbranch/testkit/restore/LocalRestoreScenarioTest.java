package io.dbbranch.testkit.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The reference scenario of point-in-time restore on the local provider (its WAL archive and base backups). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRestoreScenarioTest {
    private final LocalProvider provider = TestHistory.provider();
    private RestoreScenario scenario;

    @BeforeAll
    void prepareTheSource() throws SQLException {
        String parent = TestProviders.uniqueName("parent");
        TestHistory.execute("postgres", "CREATE DATABASE \"" + parent + "\"");
        scenario = RestoreScenario.prepare(provider, parent, TestProviders::uniqueName);
    }

    @AfterAll
    void deleteTheSource() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void recoveryBranchHasThe32RowsWhileTheSourceHasNone() throws SQLException {
        RestoreResult result = scenario.recoveryBranchHasThe32RowsWhileTheSourceHasNone();

        assertThat(result.connection().port()).as("a recovery cluster of its own")
                .isNotEqualTo(provider.cluster().runningPort().getAsInt());
    }

    @Test
    void momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind() {
        scenario.momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind();
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
