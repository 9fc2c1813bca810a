package io.dbbranch.testkit.fixedname;

import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;

/**
 * A pull request's branch of a fixed name on a plain PostgreSQL server; a foreign branch is one labelled with another
 * owner.
 */
class PostgresFixedNameTest extends ServerFixedNameTests {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(5));

    @Override
    protected BranchProvider provider() {
        return provider;
    }
}
