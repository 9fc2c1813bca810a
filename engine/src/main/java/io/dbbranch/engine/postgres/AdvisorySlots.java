package io.dbbranch.engine.postgres;

import io.dbbranch.engine.spi.SharedSlots;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link SharedSlots} as session advisory locks on the maintenance database: slot {@code n} of a scope is the lock
 * {@code (hash of "dbbranch slots " + scope, n)}, taken with {@code pg_try_advisory_lock} by a session of its own that
 * lives as long as the slot. PostgreSQL drops the lock with the session, so a process that dies (even by SIGKILL)
 * leaves no slot taken. The session is the admin's, on the maintenance database (never a parent, so it blocks no
 * copy), with {@code search_path} pinned and every call schema-qualified; it touches no table.
 */
final class AdvisorySlots implements SharedSlots {
    private static final String TRY_LOCK = "SELECT pg_catalog.pg_try_advisory_lock(?, ?)";
    private static final String UNLOCK = "SELECT pg_catalog.pg_advisory_unlock(?, ?)";

    private final AdminConnections admin;

    AdvisorySlots(AdminConnections admin) {
        this.admin = admin;
    }

    @Override
    public Optional<Held> tryTake(String scope, int count) {
        int key = ("dbbranch slots " + scope).hashCode();
        Connection session = admin.dedicatedMaintenance();
        try {
            for (int slot = 1; slot <= count; slot++) {
                if (tryLock(session, key, slot)) {
                    return Optional.of(new Lock(session, key, slot));
                }
            }
        } catch (SQLException e) {
            closeAfter(session, e);
            throw AdminConnections.failure("Take a branch slot of " + scope, e);
        } catch (RuntimeException e) {
            closeAfter(session, e);
            throw e;
        }
        closeAfter(session, null);
        return Optional.empty();
    }

    private static boolean tryLock(Connection session, int key, int slot) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(TRY_LOCK)) {
            statement.setInt(1, key);
            statement.setInt(2, slot);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void closeAfter(Connection session, Exception cause) {
        try {
            session.close();
        } catch (SQLException closing) {
            if (cause != null) {
                cause.addSuppressed(closing);
            }
        }
    }

    /** A held slot: its session. Unlocking first makes the release visible before the connection's goodbye. */
    private record Lock(Connection session, int key, int number) implements Held {
        @Override
        public void close() {
            try (PreparedStatement statement = session.prepareStatement(UNLOCK)) {
                statement.setInt(1, key);
                statement.setInt(2, number);
                statement.execute();
            } catch (SQLException lost) {
                // The session is gone, and its lock with it: nothing is held any more.
            } finally {
                closeAfter(session, null);
            }
        }
    }
}
