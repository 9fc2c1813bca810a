package io.dbbranch.testkit.emulator;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.pitr.PitrSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real PostgreSQL 17 server behind an emulator: one {@link LocalCluster} in {@code <home>/postgres}, where
 * every emulated branch is a database copied from its parent ({@code CREATE DATABASE … TEMPLATE … STRATEGY
 * FILE_COPY}) and every minted credential is the password of a login role that expires with it
 * ({@code VALID UNTIL}), so PostgreSQL itself refuses an expired credential at login.
 *
 * <p>A server the emulator starts itself keeps its history in {@code <home>/history} ({@link BackingHistory}): its
 * WAL is archived and base backups are taken, so branches of the past are real restores, each served by a
 * server of its own.
 */
public final class BackingPostgres implements AutoCloseable {
    /** The {@code VALID UNTIL} of a password that does not expire (PostgreSQL's {@code infinity}, as an instant). */
    public static final Instant NO_EXPIRY = Instant.parse("9999-12-31T00:00:00Z");

    private final LocalCluster cluster;
    private final boolean stopOnClose;
    private final BackingHistory history;

    private BackingPostgres(LocalCluster cluster, boolean stopOnClose, BackingHistory history) {
        this.cluster = cluster;
        this.stopOnClose = stopOnClose;
        this.history = history;
    }

    /**
     * Starts (creating if needed) the cluster under {@code home} with a history of 7 days; {@link #close()} stops it
     * and the servers of branches restored from its history.
     */
    public static BackingPostgres start(Path home, ClusterSettings settings) {
        return start(home, settings, PitrSettings.defaults().historyWindow());
    }

    /**
     * Starts (creating if needed) the cluster under {@code home}, archiving its WAL and keeping base backups for
     * {@code historyRetention}; {@link #close()} stops it and the servers of branches restored from its history.
     */
    public static BackingPostgres start(Path home, ClusterSettings settings, Duration historyRetention) {
        Path historyDirectory = home.resolve("history");
        LocalCluster cluster = new LocalCluster(home.resolve("postgres"), BackingHistory.archiving(settings, historyDirectory));
        cluster.start();
        PitrSettings pitr = new PitrSettings(historyRetention, PitrSettings.defaults().backupInterval(),
                PitrSettings.defaults().maxBaseBackups());
        try {
            return new BackingPostgres(cluster, true, BackingHistory.open(cluster, historyDirectory, settings, pitr));
        } catch (RuntimeException e) {
            try {
                cluster.stop();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Uses a cluster someone else runs (a test's shared server, or one a {@link BackingHistory} restored), without
     * history; {@link #close()} leaves it running.
     */
    public static BackingPostgres shared(LocalCluster cluster) {
        cluster.start();
        return new BackingPostgres(cluster, false, null);
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** The server's history, from which branches of the past are restored; empty for a {@link #shared} server. */
    public Optional<BackingHistory> history() {
        return Optional.ofNullable(history);
    }

    /** The port clients connect to. */
    public int port() {
        return cluster.start();
    }

    public boolean databaseExists(String database) throws SQLException {
        try (Connection connection = cluster.connectAdmin("postgres");
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Creates an empty database (from {@code template1}) unless it exists. */
    public void ensureDatabase(String database) throws SQLException {
        if (!databaseExists(database)) {
            adminExecute("postgres", "CREATE DATABASE " + quote(database));
        }
    }

    /**
     * Copies {@code source} into a new database {@code target} and closes it to the public: only roles granted
     * {@code CONNECT} may log in. Fails (SQL state 55006) while anyone is connected to {@code source}.
     */
    public void copyDatabase(String source, String target) throws SQLException {
        adminExecute("postgres",
                "CREATE DATABASE " + quote(target) + " TEMPLATE " + quote(source) + " STRATEGY FILE_COPY",
                "REVOKE CONNECT, TEMPORARY ON DATABASE " + quote(target) + " FROM PUBLIC");
    }

    /** Drops a database, disconnecting its sessions. Does nothing if it is absent. */
    public void dropDatabase(String database) throws SQLException {
        adminExecute("postgres", "DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
    }

    /** Stores a text (our metadata as JSON) with the database. */
    public void comment(String database, String text) throws SQLException {
        adminExecute("postgres", "COMMENT ON DATABASE " + quote(database) + " IS " + literal(text));
    }

    /** Every database's comment, by database name (databases without a comment are left out). */
    public Map<String, String> comments() throws SQLException {
        Map<String, String> comments = new LinkedHashMap<>();
        try (Connection connection = cluster.connectAdmin("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT d.datname, shobj_description(d.oid, 'pg_database') "
                     + "FROM pg_database d ORDER BY d.oid")) {
            while (result.next()) {
                String text = result.getString(2);
                if (text != null) {
                    comments.put(result.getString(1), text);
                }
            }
        }
        return comments;
    }

    /**
     * Makes {@code role} a login role whose password is {@code password} until {@code validUntil}, able to connect
     * to {@code database} and to read, write and create tables there. A role that exists gets the new password
     * and expiry (earlier passwords stop working for new logins).
     */
    public void grantLogin(String role, String password, Instant validUntil, String database) throws SQLException {
        grant(role, " LOGIN PASSWORD " + literal(password) + " VALID UNTIL " + literal(validUntil.toString()), database);
    }

    /**
     * Lets the login role {@code role} connect to {@code database}, read and write all data and create tables in its
     * {@code public} schema; its password stays as it is (a role that does not exist yet is made without one).
     */
    public void grantConnect(String role, String database) throws SQLException {
        grant(role, null, database);
    }

    private void grant(String role, String credentials, String database) throws SQLException {
        try (Connection connection = cluster.connectAdmin("postgres"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            if (credentials != null || !roleExists(connection, role)) {
                // Role changes one at a time: two mints at once must not both try CREATE ROLE.
                statement.execute("SELECT pg_advisory_xact_lock(4242)");
                boolean exists = roleExists(connection, role);
                if (credentials != null || !exists) {
                    statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + quote(role)
                            + (credentials == null ? " LOGIN" : credentials));
                }
                statement.execute("GRANT pg_read_all_data, pg_write_all_data TO " + quote(role));
            }
            // One database's privileges at a time (two GRANTs on one database at once fail: "tuple concurrently
            // updated"), but different databases at once: leases at once each grant their own branch.
            statement.execute("SELECT pg_advisory_xact_lock(4243, hashtext(" + literal(database) + "))");
            statement.execute("GRANT CONNECT, TEMPORARY, CREATE ON DATABASE " + quote(database) + " TO " + quote(role));
            connection.commit();
        }
        adminExecute(database, "GRANT ALL ON SCHEMA public TO " + quote(role));
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Runs statements as the superuser in {@code database}. */
    public void adminExecute(String database, String... statements) throws SQLException {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        if (!stopOnClose) {
            return;
        }
        try {
            if (history != null) {
                history.stopAll();
            }
        } finally {
            cluster.stop();
        }
    }

    /** A quoted SQL identifier. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A quoted SQL string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
