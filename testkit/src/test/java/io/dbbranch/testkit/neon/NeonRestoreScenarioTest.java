package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.testkit.restore.RestoreScenario;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference scenario of point-in-time restore on Neon: branches with {@code parent_timestamp}, and a restore in
 * place with {@code preserve_under_name}, against an emulator with a history of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeonRestoreScenarioTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    static final UnaryOperator<String> NAME = stem -> "ci-" + stem + "-" + NAMES.incrementAndGet();

    @RegisterExtension
    static final NeonTestbed testbed = NeonTestbed.withHistory();

    private final NeonProvider provider = testbed.provider();
    private RestoreScenario scenario;

    @BeforeAll
    void prepareTheSource() throws SQLException {
        scenario = RestoreScenario.prepare(provider, NeonEmulator.DEFAULT_BRANCH, NAME);
    }

    @AfterAll
    void deleteTheSource() {
        try {
            if (scenario != null) {
                scenario.close();
            }
        } finally {
            provider.close();
        }
    }

    @Test
    void recoveryBranchHasThe32RowsWhileTheSourceHasNone() throws SQLException {
        RestoreResult result = scenario.recoveryBranchHasThe32RowsWhileTheSourceHasNone();

        assertThat(result.connection().port()).as("the endpoint names the port of the branch's own server")
                .isNotEqualTo(testbed.emulator.postgresPort());
    }

    @Test
    void momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind() {
        scenario.momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind();
    }

    @Test
    void theHistoryWindowIsTheProjectsRetention() {
        Instant earliest = provider.historyWindow(scenario.source().name()).earliest();

        assertThat(earliest).isBetween(Instant.now().minus(Duration.ofDays(1)).minusSeconds(60),
                Instant.now().minus(Duration.ofDays(1)));
    }

    @Test
    void unmetVerificationFailsTheRestoreAndDeletesTheRecoveryBranch() {
        scenario.unmetVerificationFailsTheRestoreAndDeletesTheRecoveryBranch();
    }

    @Test
    void unmetVerificationKeepsTheRecoveryBranchWhenAsked() throws SQLException {
        scenario.unmetVerificationKeepsTheRecoveryBranchWhenAsked();
    }

    @Test
    void aBranchRestoredInPlaceKeepsItsPresentUnderTheGivenName() throws SQLException {
        try (RestoreScenario own = RestoreScenario.prepare(provider, NeonEmulator.DEFAULT_BRANCH, NAME)) {
            String preserved = NAME.apply("before-restore");

            RestoreResult result = own.restoredInPlaceKeepingThePresentAs(preserved);

            assertThat(result.connection().port()).isNotEqualTo(testbed.emulator.postgresPort());
            assertThat(provider.findBranch(own.source().name())).get().extracting(b -> b.restorePoint().lsn()).isNotNull();
        }
    }
}
