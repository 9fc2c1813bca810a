package io.dbbranch.testkit.crash;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.util.List;

/** The process-kill scenario on the local provider (its superuser admin), at the postgres provider's boundaries. */
class LocalProcessKillTest extends ProcessKillTests {
    private final String parent = TestProviders.parentWithEntities(3);

    @Override
    protected String parent() {
        return parent;
    }

    @Override
    protected String prefix() {
        return TestProviders.uniqueName("kill") + "-";
    }

    @Override
    protected List<String> boundaries() {
        return PostgresProcessKillTest.BOUNDARIES;
    }

    @Override
    protected List<String> childOptions() {
        return List.of("provider=local", "cluster=" + TestPostgres.cluster().directory());
    }

    @Override
    protected List<String> makeForeignObjects(String prefix) {
        return PostgresProcessKillTest.foreignDatabaseOfItsOwnRole(prefix);
    }

    @Override
    protected List<String> rolesLeft(String prefix, List<String> foreign) {
        return testServerRolesContaining(prefix, foreign);
    }
}
