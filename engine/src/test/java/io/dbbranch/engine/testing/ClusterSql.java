package io.dbbranch.engine.testing;

import io.dbbranch.engine.local.LocalCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL as the superuser of any local cluster, for tests that make clusters of their own. */
public final class ClusterSql {
    private ClusterSql() {
    }

    /** Runs SQL statements in {@code database}. */
    public static void execute(LocalCluster cluster, String database, String... statements) {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }

    /** The single value the query returns, as text. */
    public static String query(LocalCluster cluster, String database, String sql) {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }
}
