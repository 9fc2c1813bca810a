package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.testing.ClusterSql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A local cluster of a test's own, in a temporary folder, archiving its WAL into its history; closing removes it. */
final class ArchivingCluster implements AutoCloseable {
    private final Path home;
    private final LocalCluster cluster;
    private final LocalHistory history;

    ArchivingCluster(PitrSettings pitr) {
        home = LocalHome.temporary("dbbranch-pitr-test").path();
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
        ClusterSql.execute(cluster, database, statements);
    }

    long queryLong(String database, String sql) {
        return Long.parseLong(query(database, sql));
    }

    String query(String database, String sql) {
        return ClusterSql.query(cluster, database, sql);
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
