package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.testkit.restore.RestoreScenarioTests;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The reference scenario of point-in-time restore on Lakebase: branches with {@code source_branch_time}, against the
 * emulator, whose branches of the past are real restores of its server's WAL archive, each on a server of its own.
 */
class LakebaseRestoreScenarioTest extends RestoreScenarioTests {
    private final LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build());

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected String parent() {
        return LakebaseEmulator.DEFAULT_BRANCH;
    }

    @Override
    protected UnaryOperator<String> names() {
        return TestLakebase::name;
    }

    @Override
    protected void alsoCheck(RestoreResult result) {
        assertThat(result.connection().port()).as("the endpoint names the port of the branch's own server")
                .isNotEqualTo(TestLakebase.emulator().postgresPort());
    }

    @Override
    protected void closeProvider() {
        provider.close();
        TestLakebase.reset();
    }

    @Test
    void theHistoryWindowIsTheProjectsRetention() {
        Instant earliest = provider.historyWindow(scenario.source().name()).earliest();

        assertThat(earliest).isBetween(Instant.now().minus(Duration.ofDays(7)).minusSeconds(60),
                Instant.now().minus(Duration.ofDays(7)));
    }
}
