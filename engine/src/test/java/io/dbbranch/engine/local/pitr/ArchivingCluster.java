package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A local cluster of a test's own, in a temporary folder, archiving its WAL into its history; closing removes it. */
final class ArchivingCluster implements AutoCloseable {
    private final Path home;
    private final LocalCluster cluster;
    private final LocalHistory history;

    ArchivingCluster(PitrSettings pitr) {
        try {
            home = Files.createTempDirectory("dbbranch-pitr-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterSettings settings = ClusterSettings.ephemeral();
        cluster = new LocalCluster(home.resolve("cluster"), LocalHistory.archiving(settings, home.resolve("history")));
        cluster.start();
        history = new LocalHistory(cluster, home.resolve("history"), settings, pitr);
    }

    LocalCluster cluster() {
        return cluster;
    }

    LocalHistory history() {
        return history;
    }

    Path home() {
        return home;
    }

    void execute(String database, String... statements) {
        execute(cluster, database, statements);
    }

    long queryLong(String database, String sql) {
        return Long.parseLong(query(cluster, database, sql));
    }

    String query(String database, String sql) {
        return query(cluster, database, sql);
    }

    static void execute(LocalCluster cluster, String database, String... statements) {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }

    /** The single value the query returns, as text. */
    static String query(LocalCluster cluster, String database, String sql) {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (RecoveryBranch branch : history.recoveries().list()) {
            try {
                history.recoveries().delete(branch.name());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        cluster.stop();
        try {
            DataFiles.delete(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
