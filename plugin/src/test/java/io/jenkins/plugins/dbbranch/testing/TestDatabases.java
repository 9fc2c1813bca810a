package io.jenkins.plugins.dbbranch.testing;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.LocalConnection;
import hudson.model.Run;
import java.util.List;

/**
 * The real PostgreSQL 17 of the engine's tests (one per test JVM), seen by Jenkins as a {@code local} connection:
 * every test makes its own parent database in it.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** Configures the only connection, {@code local}, on the test server. */
    public static LocalConnection useLocalConnection() {
        LocalConnection local = new LocalConnection("local");
        local.setHome(TestPostgres.cluster().directory().getParent().toString());
        DbBranchConfiguration.get().setConnections(List.of(local));
        return local;
    }

    /** A fresh parent database with a {@code final_entities} table of {@code rows} rows. */
    public static String parentWithEntities(int rows) {
        return TestProviders.parentWithEntities(rows);
    }

    /** A parent as Flyway wants it: empty, or with a schema history (a schema with tables but no history is refused). */
    public static String emptyParent() {
        String parent = TestProviders.uniqueName("parent");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + parent + "\"");
        return parent;
    }

    /** How many tables named {@code entities} {@code database} has (0 or 1): whether the migrations reached it. */
    public static long entityTables(String database) {
        return TestPostgres.queryLong(database, "select count(*) from information_schema.tables where table_name = 'entities'");
    }

    public static boolean databaseExists(String name) {
        return TestProviders.databaseExists(name);
    }

    /** The only branch record of a build. */
    public static BranchRecord onlyRecord(Run<?, ?> run) {
        List<BranchRecord> records = run.getAction(DbBranchAction.class).getRecords();
        if (records.size() != 1) {
            throw new AssertionError("expected one branch record, got " + records.size());
        }
        return records.get(0);
    }
}
