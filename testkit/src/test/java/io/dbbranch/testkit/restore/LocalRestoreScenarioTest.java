package io.dbbranch.testkit.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.util.function.UnaryOperator;

/** The reference scenario of point-in-time restore on the local provider (its WAL archive and base backups). */
class LocalRestoreScenarioTest extends RestoreScenarioTests {
    private final LocalProvider provider = TestHistory.provider();

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected String parent() {
        String parent = TestProviders.uniqueName("parent");
        TestHistory.execute("postgres", "CREATE DATABASE \"" + parent + "\"");
        return parent;
    }

    @Override
    protected UnaryOperator<String> names() {
        return TestProviders::uniqueName;
    }

    @Override
    protected void alsoCheck(RestoreResult result) {
        assertThat(result.connection().port()).as("a recovery cluster of its own")
                .isNotEqualTo(provider.cluster().runningPort().getAsInt());
    }
}
