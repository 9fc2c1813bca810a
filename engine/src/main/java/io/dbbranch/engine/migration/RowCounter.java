package io.dbbranch.engine.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Counts the rows each migration inserts, updates or deletes. Flyway does not report it (only as debug log lines),
 * but its before/after-each-migrate callbacks run inside the migration's transaction, where
 * {@code pg_stat_xact_user_tables} holds the transaction's own row counts: their growth across the migration,
 * less the history table, is what the script did.
 *
 * <p>A migration Flyway runs outside a transaction (non-transactional statements) has no such counts: its row count
 * is unknown. A failing measurement never fails the migration: it leaves the count unknown and notes why.
 */
final class RowCounter implements Callback {
    private static final String COUNT = "SELECT coalesce(pg_catalog.sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            + "FROM pg_catalog.pg_stat_xact_user_tables WHERE relname <> ?";

    private final String historyTable;
    private final Map<String, Long> before = new ConcurrentHashMap<>();
    private final Map<String, Long> rows = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    RowCounter(String historyTable) {
        this.historyTable = historyTable;
    }

    /** The rows the migration with this script changed; {@code null} when unknown. */
    Long rowsAffected(String script) {
        return rows.get(script);
    }

    /** Why some counts are unknown, for the report's warnings. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return (event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE) && context.getMigrationInfo() != null;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String script = context.getMigrationInfo().getScript();
        Connection connection = context.getConnection();
        try {
            if (connection.getAutoCommit()) {
                return; // outside a transaction the counters are per statement: nothing to add up
            }
            long count = count(connection);
            if (event == Event.BEFORE_EACH_MIGRATE) {
                before.put(script, count);
            } else if (before.containsKey(script)) {
                rows.put(script, count - before.remove(script));
            }
        } catch (SQLException e) {
            synchronized (this) {
                problems.add("Could not count the rows changed by " + script + ": " + e.getMessage());
            }
        }
    }

    private long count(Connection connection) throws SQLException {
        // A savepoint keeps a failing measurement from aborting the migration's own transaction.
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setString(1, historyTable);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long count = result.getLong(1);
                connection.releaseSavepoint(savepoint);
                return count;
            }
        } catch (SQLException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    @Override
    public String getCallbackName() {
        return "dbbranch-row-counter";
    }
}
