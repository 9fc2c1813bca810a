package io.dbbranch.engine.testing;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.pitr.PitrSettings;
import io.dbbranch.engine.spi.BranchInfo;
import java.nio.file.Path;

/**
 * One local provider with history per test JVM: its own WAL-archiving cluster (fsync off) in a temporary home,
 * with a first base backup, so tests can branch from any moment after it. Removed, with every branch, when the
 * JVM exits.
 */
public final class TestHistory {
    private static LocalProvider provider;

    private TestHistory() {
    }

    public static synchronized LocalProvider provider() {
        if (provider == null) {
            LocalHome home = LocalHome.temporary("dbbranch-test-history");
            LocalProvider opened = LocalProvider.open(home, ClusterSettings.ephemeral(), PitrSettings.defaults(), TestProviders.OWNER);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(opened, home.path()), "remove-test-history"));
            provider = opened;
        }
        return provider;
    }

    /** Runs SQL statements as the superuser in {@code database} of the provider's cluster. */
    public static void execute(String database, String... statements) {
        ClusterSql.execute(provider().cluster(), database, statements);
    }

    /** The single value the query returns in {@code database} of the provider's cluster, as a long. */
    public static long queryLong(String database, String sql) {
        return Long.parseLong(queryString(database, sql));
    }

    /** The single value the query returns in {@code database} of the provider's cluster, as text. */
    public static String queryString(String database, String sql) {
        return ClusterSql.query(provider().cluster(), database, sql);
    }

    /** Creates a database with a {@code final_entities} table of {@code rows} rows and returns its name. */
    public static String databaseWithEntities(int rows) {
        String database = TestProviders.uniqueName("source");
        execute("postgres", "CREATE DATABASE \"" + database + "\"");
        execute(database, "CREATE TABLE final_entities (id bigint PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO final_entities SELECT g, 'entity ' || g FROM generate_series(1, " + rows + ") g");
        return database;
    }

    private static void remove(LocalProvider provider, Path home) {
        for (BranchInfo branch : provider.listBranches("")) {
            if (branch.labels() != null) {
                provider.deleteBranch(branch);
            }
        }
        provider.cluster().stop();
        ScratchFolders.delete(home);
    }
}
