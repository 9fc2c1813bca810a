package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Serialises {@code migrateUpstream} runs on one parent: a session-level PostgreSQL advisory lock held on a connection
 * of its own for as long as the run changes the parent. Flyway's own lock serialises migrations too, but it waits
 * quietly and then fails vaguely; this one waits briefly and then names the holder (pid, application, user, client,
 * since when) from {@code pg_locks} and {@code pg_stat_activity}. A run that dies releases it with its connection.
 *
 * <p>Never held while the parent is being copied: on a plain PostgreSQL server a copy needs the parent free of
 * sessions.
 */
public final class UpstreamLock implements AutoCloseable {
    /** The advisory lock's two keys: "dbrb" and 1 (migrateUpstream); distinct from Flyway's single 64-bit key. */
    static final int CLASS_KEY = 0x64627262;
    static final int MIGRATE_UPSTREAM_KEY = 1;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;

    private UpstreamLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes the lock on {@code parent}, trying for at most {@code wait}.
     *
     * @param holder who we are, shown to a run that finds the lock taken ({@code cli@host}, a job and build)
     * @throws DbBranchException {@code CONFLICT} naming the session that holds it
     */
    public static UpstreamLock acquire(MigrationTarget parent, Duration wait, String holder) {
        String asked = "Lock " + parent.label() + " for migrateUpstream";
        Connection connection = null;
        try {
            connection = parent.connect(applicationName(holder), Guardrails.DEFAULT);
            long deadline = System.nanoTime() + wait.toNanos();
            while (!tryLock(connection)) {
                if (System.nanoTime() >= deadline) {
                    throw DbBranchException.of(ErrorCode.CONFLICT, asked, "another migrateUpstream holds it: "
                                    + String.join("; ", holders(connection)),
                            "Wait for it to finish and run again; if that session is stuck, end it with "
                                    + "pg_terminate_backend(pid)");
                }
                Thread.sleep(POLL.toMillis());
            }
            return new UpstreamLock(connection);
        } catch (SQLException e) {
            closeAfter(connection, e);
            throw DbBranchException.of(ErrorCode.UNAVAILABLE, asked, e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]",
                    "Check that the parent is reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAfter(connection, e);
            throw new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted while waiting for the lock", e);
        } catch (RuntimeException e) {
            closeAfter(connection, e);
            throw e;
        }
    }

    /** Releases the lock by ending its session. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing failed, so the server ends the session (and the lock) when it notices the client is gone.
            throw DbBranchException.of(ErrorCode.UNAVAILABLE, "Release the migrateUpstream lock", e.getMessage(),
                    "The server releases it when it notices the connection is gone", e);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, CLASS_KEY);
            statement.setInt(2, MIGRATE_UPSTREAM_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** The sessions holding the lock, described for a person. */
    private static List<String> holders(Connection connection) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name, a.usename, "
                + "coalesce(host(a.client_addr), 'local'), a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? "
                + "AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "ORDER BY a.pid")) {
            statement.setLong(1, CLASS_KEY);
            statement.setLong(2, MIGRATE_UPSTREAM_KEY);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    holders.add("pid " + rows.getInt(1) + " '" + rows.getString(2) + "' (user " + rows.getString(3) + " from "
                            + rows.getString(4) + ", connected since " + rows.getTimestamp(5).toInstant() + ")");
                }
            }
        }
        return holders.isEmpty() ? List.of("a session that has just released it or cannot be seen by this login") : holders;
    }

    /** {@code dbbranch migrateUpstream <holder>}, within PostgreSQL's 63 bytes for application names. */
    static String applicationName(String holder) {
        String name = "dbbranch migrateUpstream " + holder;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static void closeAfter(Connection connection, Exception cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException closing) {
                cause.addSuppressed(closing);
            }
        }
    }
}
