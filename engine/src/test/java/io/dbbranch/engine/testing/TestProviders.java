package io.dbbranch.engine.testing;

import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Providers and parent databases on the shared {@link TestPostgres} server. */
public final class TestProviders {
    /** The owner recorded in the labels of branches the tests make. */
    public static final String OWNER = "test@dbbranch";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestProviders() {
    }

    /** The local provider on the test server, as users get it. */
    public static LocalProvider local() {
        return new LocalProvider(TestPostgres.cluster(), OWNER);
    }

    /** A plain-PostgreSQL provider on the test server that gives up on a busy parent after {@code busyWait}. */
    public static PostgresProvider postgres(Duration busyWait) {
        LocalCluster cluster = TestPostgres.cluster();
        return new PostgresProvider(new PostgresConfig("127.0.0.1", cluster.start(), "postgres", LocalCluster.ADMIN_USER,
                cluster.adminPassword(), "disable", busyWait, OWNER));
    }

    /** A unique database name for one test, e.g. {@code parent-7}. */
    public static String uniqueName(String stem) {
        return stem + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /**
     * Creates a parent database with a {@code final_entities} table of {@code rows} rows and returns its name.
     */
    public static String parentWithEntities(int rows) {
        String parent = uniqueName("parent");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + parent + "\"");
        TestPostgres.execute(parent,
                "CREATE TABLE final_entities (id bigint PRIMARY KEY, name text NOT NULL, kind text NOT NULL, "
                        + "created_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO final_entities (id, name, kind) SELECT g, 'entity ' || g, CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END "
                        + "FROM generate_series(1, " + rows + ") g");
        return parent;
    }

    /** Whether a database of that name exists on the test server. */
    public static boolean databaseExists(String name) {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'") > 0;
    }

    /** Whether a role of that name exists on the test server. */
    public static boolean roleExists(String name) {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = '" + name.replace("'", "''") + "'") > 0;
    }
}
