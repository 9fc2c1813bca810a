package io.dbbranch.engine.review.observe;

import io.dbbranch.engine.migration.Guardrails;
import io.dbbranch.engine.migration.MigrationTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Opens the observer's sessions: named {@value #APPLICATION_NAME} in {@code pg_stat_activity}, read-only, with
 * {@code search_path} pinned to {@code pg_catalog, pg_temp} before the first catalog read (the database's objects
 * belong to the role whose migrations run), and with short limits so an observer that would wait for the migration
 * gives up instead of holding it up.
 */
final class ObserverConnections {
    static final String APPLICATION_NAME = "dbbranch-review-observer";
    /** The observer never waits long for a lock, and no catalog read runs long. */
    static final Guardrails LIMITS = new Guardrails(Duration.ofSeconds(2), Duration.ofMinutes(1));

    private ObserverConnections() {
    }

    /** A new pinned, read-only, auto-commit session; the caller closes it. */
    static Connection open(MigrationTarget observer) throws SQLException {
        Connection connection = observer.connect(APPLICATION_NAME, LIMITS);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false)");
            connection.setAutoCommit(true);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException close) {
                e.addSuppressed(close);
            }
            throw e;
        }
    }
}
