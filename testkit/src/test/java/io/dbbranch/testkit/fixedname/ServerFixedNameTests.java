package io.dbbranch.testkit.fixedname;

import io.dbbranch.engine.testing.TestProviders;

/** The fixed-name scenario on the test JVM's PostgreSQL server, for its two providers (local and postgres). */
abstract class ServerFixedNameTests extends FixedNameScenarioTests {
    private final String parent = TestProviders.parentWithEntities(3);
    private final String prefix = TestProviders.uniqueName("fx") + "-";

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
}
