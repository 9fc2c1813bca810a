package io.dbbranch.testkit.crash;

import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Instant;
import java.util.List;

/**
 * The process-kill scenario on the postgres provider with a non-superuser admin ({@code CREATEDB CREATEROLE}), at every
 * boundary of a branch's making and teardown: the labelled role made (the branch's intent record), the database copied,
 * labelled, handed to the role; a credential minted and its password file written (one boundary: a credential minted
 * but not yet written leaves the same branch and no file); the body; the database dropped before the role.
 */
class PostgresProcessKillTest extends ProcessKillTests {
    private static final String PASSWORD = "kill-test-admin";
    /** The postgres provider's boundaries, shared by the local provider (the same code for branches of the head). */
    static final List<String> BOUNDARIES = List.of("lease.requested", "postgres.create.role-made",
            "postgres.create.database-made", "postgres.create.labelled", "postgres.create.owned", "lease.ready", "lease.body",
            "postgres.delete.database-dropped");

    private final String admin = TestProviders.uniqueName("kill-admin");
    private final String root;

    PostgresProcessKillTest() {
        TestPostgres.execute("postgres", "CREATE ROLE \"" + admin + "\" LOGIN CREATEDB CREATEROLE PASSWORD '" + PASSWORD + "'");
        root = TestProviders.uniqueName("kill-root");
        ((PostgresProvider) providerOf(OWNER)).createRoot(root, new Labels(OWNER, null, null, null, Instant.now(), null));
    }

    @Override
    protected String parent() {
        return root;
    }

    @Override
    protected String prefix() {
        return TestProviders.uniqueName("pgkill") + "-";
    }

    @Override
    protected List<String> boundaries() {
        return BOUNDARIES;
    }

    @Override
    protected List<String> childOptions() {
        return List.of("provider=postgres", "cluster=" + TestPostgres.cluster().directory(), "admin=" + admin);
    }

    @Override
    protected String childSecret() {
        return PASSWORD;
    }

    @Override
    protected List<String> makeForeignObjects(String prefix) {
        return foreignDatabaseOfItsOwnRole(prefix);
    }

    @Override
    protected List<String> rolesLeft(String prefix, List<String> foreign) {
        return testServerRolesContaining(prefix, foreign);
    }

    /**
     * A role without our comment owning a database of its own name without labels: the shape of a branch killed before
     * its labels, but not ours.
     */
    static List<String> foreignDatabaseOfItsOwnRole(String prefix) {
        String name = prefix + "foreign";
        TestPostgres.execute("postgres", "CREATE ROLE \"" + name + "\" LOGIN", "CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
        return List.of(name);
    }
}
