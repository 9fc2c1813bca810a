package io.dbbranch.engine.migration;

import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;

/**
 * Databases for migration tests in the shared test server: a fresh empty one, one with production-shaped customer
 * data, or a branch copied from another with {@code CREATE DATABASE … TEMPLATE} (what the postgres provider does).
 */
public final class MigrationFixtures {
    /** Customers in a seeded database; {@link #DUPLICATE_EMAILS} share an email with another, {@link #UNTRIMMED_NAMES} have stray spaces. */
    public static final int CUSTOMERS = 200;
    public static final int DUPLICATE_EMAILS = 20;
    public static final int UNTRIMMED_NAMES = 25;

    private MigrationFixtures() {
    }

    /** A new empty database with a unique name starting with {@code prefix}. */
    public static String newDatabase(String prefix) {
        String name = uniqueName(prefix);
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + name + "\" STRATEGY FILE_COPY");
        return name;
    }

    /** A copy of {@code template} (nobody may be connected to it), as a branch of it. */
    public static String branchOf(String template) {
        String name = uniqueName(template.replaceAll("-\\d+$", "") + "-branch");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\" STRATEGY FILE_COPY");
        return name;
    }

    /**
     * A database migrated to V1 ({@code db/base}) holding {@link #CUSTOMERS} customers, the way production looks:
     * some emails repeat and some names carry stray spaces.
     */
    public static String seededParent(String prefix) {
        String name = newDatabase(prefix);
        new Migrator(target(name), options("base").build()).migrate();
        TestPostgres.execute(name, "INSERT INTO customers (email, name) "
                + "SELECT 'customer' || (i % " + (CUSTOMERS - DUPLICATE_EMAILS) + ") || '@example.com', "
                + "CASE WHEN i <= " + UNTRIMMED_NAMES + " THEN ' Customer ' || i || ' ' ELSE 'Customer ' || i END "
                + "FROM generate_series(1, " + CUSTOMERS + ") AS i");
        return name;
    }

    /** The superuser's way into {@code database}. */
    public static MigrationTarget target(String database) {
        LocalCluster cluster = TestPostgres.cluster();
        return MigrationTarget.of(cluster.details(database).jdbcUrl(), LocalCluster.ADMIN_USER, cluster.adminPassword());
    }

    /** Options reading the test migration sets {@code db/<set>} from the class path. */
    public static MigrationOptions.Builder options(String... sets) {
        MigrationOptions.Builder builder = MigrationOptions.builder();
        for (String set : sets) {
            builder.classpathLocation("db/" + set);
        }
        return builder;
    }

    /** The highest successful version in the database's history, or {@code 0} without one. */
    public static long schemaVersion(String database) {
        if (TestPostgres.queryLong(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'") == 0) {
            return 0;
        }
        return TestPostgres.queryLong(database, "SELECT coalesce(max(version::int), 0) FROM flyway_schema_history WHERE success");
    }

    /** One counter for every fixture of the test JVM, so two fixtures never hand out the same name. */
    private static String uniqueName(String prefix) {
        return TestProviders.uniqueName(prefix);
    }
}
