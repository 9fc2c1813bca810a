package io.dbbranch.bench.support;

import io.dbbranch.engine.host.HostCommand;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded PostgreSQL 17 server a benchmark runs on: a fresh {@link LocalCluster} in a folder of its own,
 * stopped and deleted on {@link #close()}, so every run starts from the same empty server.
 */
public final class BenchServer implements AutoCloseable {
    private final Path home;
    private final LocalCluster cluster;

    private BenchServer(Path home, LocalCluster cluster) {
        this.home = home;
        this.cluster = cluster;
    }

    /** Initialises and starts a cluster in a new folder under {@code workRoot}. */
    public static BenchServer start(Path workRoot, ClusterSettings settings) {
        Path home = WorkFolders.create(workRoot, "bench-");
        BenchServer server = new BenchServer(home, new LocalCluster(home.resolve("cluster"), settings));
        try {
            server.cluster.start();
            return server;
        } catch (RuntimeException e) {
            WorkFolders.delete(home);
            throw e;
        }
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** The folder beside the cluster for the benchmark's own files (password files, archives). */
    public Path home() {
        return home;
    }

    public Connection connect(String database) throws SQLException {
        return cluster.connectAdmin(database);
    }

    public void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public long queryLong(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    public String queryText(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    public void createDatabase(String name) throws SQLException {
        execute("postgres", "CREATE DATABASE " + quote(name));
    }

    public void dropDatabase(String name) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    }

    /**
     * Lets the previous run's work finish before the next measured one starts: the file system's (removing a branch
     * frees its files in the background: on XFS a clone's shared extents, about 15 ms of later log forces at 600 MB)
     * and the server's (a checkpoint writes every dirty page out). Each measured run then pays for its own work only.
     */
    public void settle() throws SQLException {
        try {
            HostCommand sync = HostCommand.run(List.of("sync", "--file-system", home.toString()), home);
            if (!sync.succeeded()) {
                throw new IllegalStateException("sync --file-system " + home + " failed: " + sync.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run sync --file-system " + home, e);
        }
        execute("postgres", "CHECKPOINT");
    }

    public long databaseBytes(String database) throws SQLException {
        return queryLong("postgres", "SELECT pg_database_size(" + literal(database) + ")");
    }

    /** The names of databases whose name starts with {@code prefix}. */
    public List<String> databases(String prefix) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE "
                     + literal(prefix.replace("_", "\\_") + "%") + " ORDER BY datname")) {
            List<String> names = new java.util.ArrayList<>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }

    /** Roles whose names start with {@code prefix} and name no database: what a branch's teardown or create can leave. */
    public List<String> rolesWithoutDatabase(String prefix) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT rolname FROM pg_roles r WHERE rolname LIKE "
                     + literal(prefix.replace("_", "\\_") + "%") + " AND NOT EXISTS (SELECT 1 FROM pg_database d "
                     + "WHERE d.datname = r.rolname) ORDER BY rolname")) {
            List<String> names = new java.util.ArrayList<>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }

    /** {@code count(*)} of each table, in the order given. */
    public Map<String, Long> rowCounts(String database, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
                    result.next();
                    counts.put(table, result.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The server's version, e.g. {@code 17.9}. */
    public String version() throws SQLException {
        return queryText("postgres", "SHOW server_version");
    }

    @Override
    public void close() {
        try {
            cluster.stop();
        } finally {
            WorkFolders.delete(home);
        }
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
