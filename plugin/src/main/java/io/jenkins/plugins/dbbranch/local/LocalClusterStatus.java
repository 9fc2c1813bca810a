package io.jenkins.plugins.dbbranch.local;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.pitr.LocalHistory;
import io.dbbranch.engine.local.pitr.PitrSettings;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/**
 * What a {@code local} connection's page shows of its cluster, read without starting it: whether it runs, the
 * PostgreSQL version, the data folder, the port and how many branches it holds. Nothing secret.
 *
 * @param state         {@code running}, {@code stopped} or {@code not created yet}
 * @param version       the server's version when it runs ({@code 17.6}), else the data folder's major version, else null
 * @param dataDirectory the cluster's data folder (PGDATA)
 * @param port          the loopback port it listens on, null when stopped
 * @param branches      its branches (copies of databases and recovery branches), null when stopped or unreadable
 * @param problem       why the running server could not be read, else null
 */
public record LocalClusterStatus(String state, String version, Path dataDirectory, Integer port, Integer branches,
                                 String problem) {
    private static final String RUNNING = "running";

    /** The status of the cluster in {@code home}, as the controller (owner {@code owner}) sees it. */
    public static LocalClusterStatus of(LocalHome home, String owner) {
        LocalCluster cluster = new LocalCluster(home.clusterDirectory(), ClusterSettings.durable());
        OptionalInt port = cluster.runningPort();
        if (port.isEmpty()) {
            return new LocalClusterStatus(cluster.isInitialized() ? "stopped" : "not created yet", majorVersion(cluster),
                    cluster.dataDirectory(), null, null, null);
        }
        try {
            PostgresProvider server = new PostgresProvider(new PostgresConfig("127.0.0.1", port.getAsInt(), "postgres",
                    LocalCluster.ADMIN_USER, cluster.adminPassword(), "disable", null, owner));
            int recoveries = new LocalHistory(cluster, home.historyDirectory(), ClusterSettings.durable(), PitrSettings.defaults())
                    .recoveries().list().size();
            return new LocalClusterStatus(RUNNING, serverVersion(cluster), cluster.dataDirectory(), port.getAsInt(),
                    server.listBranches("").size() + recoveries, null);
        } catch (SQLException | RuntimeException e) {
            return new LocalClusterStatus(RUNNING, majorVersion(cluster), cluster.dataDirectory(), port.getAsInt(), null,
                    e.getMessage());
        }
    }

    private static String serverVersion(LocalCluster cluster) throws SQLException {
        try (Connection admin = cluster.connectPinned("postgres");
             Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_catalog.current_setting('server_version')")) {
            result.next();
            return result.getString(1);
        }
    }

    private static String majorVersion(LocalCluster cluster) {
        Path file = cluster.dataDirectory().resolve("PG_VERSION");
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
