package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.testkit.restore.RestoreScenario;
import io.dbbranch.testkit.restore.RestoreScenarioTests;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference scenario of point-in-time restore on Neon: branches with {@code parent_timestamp}, and a restore in
 * place with {@code preserve_under_name}, against an emulator with a history of its own.
 */
class NeonRestoreScenarioTest extends RestoreScenarioTests {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final NeonTestbed testbed = NeonTestbed.withHistory();

    private final NeonProvider provider = testbed.provider();

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected String parent() {
        return NeonEmulator.DEFAULT_BRANCH;
    }

    @Override
    protected UnaryOperator<String> names() {
        return stem -> "ci-" + stem + "-" + NAMES.incrementAndGet();
    }

    @Override
    protected void alsoCheck(RestoreResult result) {
        assertThat(result.connection().port()).as("the endpoint names the port of the branch's own server")
                .isNotEqualTo(testbed.emulator.postgresPort());
    }

    @Override
    protected void closeProvider() {
        provider.close();
    }

    @Test
    void theHistoryWindowIsTheProjectsRetention() {
        Instant earliest = provider.historyWindow(scenario.source().name()).earliest();

        assertThat(earliest).isBetween(Instant.now().minus(Duration.ofDays(1)).minusSeconds(60),
                Instant.now().minus(Duration.ofDays(1)));
    }

    @Test
    void aBranchRestoredInPlaceKeepsItsPresentUnderTheGivenName() throws SQLException {
        try (RestoreScenario own = RestoreScenario.prepare(provider, NeonEmulator.DEFAULT_BRANCH, names())) {
            String preserved = names().apply("before-restore");

            RestoreResult result = own.restoredInPlaceKeepingThePresentAs(preserved);

            alsoCheck(result);
            assertThat(provider.findBranch(own.source().name())).get().extracting(b -> b.restorePoint().lsn()).isNotNull();
        }
    }
}
