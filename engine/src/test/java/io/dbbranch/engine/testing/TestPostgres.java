package io.dbbranch.engine.testing;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL 17 server per test JVM (fsync off), started on first use, stopped and removed when the JVM
 * exits. Tests that need isolation create their own databases in it.
 */
public final class TestPostgres {
    private static LocalCluster cluster;

    private TestPostgres() {
    }

    public static synchronized LocalCluster cluster() {
        if (cluster == null) {
            LocalHome home = LocalHome.temporary("dbbranch-test-pg");
            LocalCluster started = new LocalCluster(home.clusterDirectory(), ClusterSettings.ephemeral());
            ScratchFolders.removedAtExit(home.path(), started::stop);
            started.start();
            cluster = started;
        }
        return cluster;
    }

    /** Runs SQL statements as the superuser in {@code database}. */
    public static void execute(String database, String... statements) {
        try (Connection connection = cluster().connectAdmin(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }

    /** The single value the query returns, as a long. */
    public static long queryLong(String database, String sql) {
        try (Connection connection = cluster().connectAdmin(database); Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }
}
