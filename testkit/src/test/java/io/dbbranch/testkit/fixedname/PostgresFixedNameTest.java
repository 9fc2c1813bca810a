package io.dbbranch.testkit.fixedname;

import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.time.Instant;

/**
 * A pull request's branch of a fixed name on a plain PostgreSQL server; a foreign branch is a root database of another
 * owner, labelled as dbbranch labels its own.
 */
class PostgresFixedNameTest extends FixedNameScenarioTests {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(5));
    private final String parent = TestProviders.parentWithEntities(3);
    private final String prefix = TestProviders.uniqueName("fx") + "-";

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected String parent() {
        return parent;
    }

    @Override
    protected String owner() {
        return TestProviders.OWNER;
    }

    @Override
    protected String prefix() {
        return prefix;
    }

    @Override
    protected void makeForeignBranch(String name) {
        Instant now = Instant.now();
        provider.createRoot(name, new Labels("someone-else@elsewhere", null, null, null, now, now.plusSeconds(3600)));
    }

    @Override
    protected void removeForeignBranch(String name) {
        provider.findBranch(name).ifPresent(provider::deleteBranch);
    }
}
