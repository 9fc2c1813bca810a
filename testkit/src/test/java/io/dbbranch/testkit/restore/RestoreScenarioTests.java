package io.dbbranch.testkit.restore;

import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.spi.BranchProvider;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference scenario's tests, for a provider's test class to extend: one source per class ({@link RestoreScenario}),
 * prepared before the tests and deleted after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RestoreScenarioTests {
    protected RestoreScenario scenario;

    /** The provider under test; closed after the class by {@link #closeProvider()}. */
    protected abstract BranchProvider provider();

    /** The branch the source is made from. */
    protected abstract String parent() throws SQLException;

    /** Provider-valid branch names, unique in the run, from stems such as {@code source}. */
    protected abstract UnaryOperator<String> names();

    /** What the provider adds to a successful restore, e.g. that the recovery branch has a server of its own. */
    protected void alsoCheck(RestoreResult result) {
    }

    protected void closeProvider() {
    }

    @BeforeAll
    void prepareTheSource() throws SQLException {
        scenario = RestoreScenario.prepare(provider(), parent(), names());
    }

    @AfterAll
    void deleteTheSource() {
        try {
            if (scenario != null) {
                scenario.close();
            }
        } finally {
            closeProvider();
        }
    }

    @Test
    void recoveryBranchHasThe32RowsWhileTheSourceHasNone() throws SQLException {
        alsoCheck(scenario.recoveryBranchHasThe32RowsWhileTheSourceHasNone());
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
