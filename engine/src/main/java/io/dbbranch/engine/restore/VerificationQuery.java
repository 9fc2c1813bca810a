package io.dbbranch.engine.restore;

import io.dbbranch.engine.lease.ReadinessProbe;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs a {@link Verification} on a branch as its own login, in a read-only transaction of a read-only session: a check
 * must not change what it checks. pgjdbc's {@code setReadOnly} alone does nothing with auto-commit on (the query then
 * ran, and could write, in an implicit transaction), so auto-commit is off, the transaction starts {@code READ ONLY},
 * the session's default is read-only too (a {@code COMMIT} inside the query string does not open a writable one), and
 * the transaction is rolled back at the end whatever happened.
 */
final class VerificationQuery {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** {@code read_only_sql_transaction}: the query tried to write. */
    static final String TRIED_TO_WRITE = "25006";

    private VerificationQuery() {
    }

    /**
     * Runs it; an SQL error (a missing table, a syntax error, an attempt to write) is the caller's to report as a failed
     * verification. An attempt to write comes back as an {@link SQLException} of state {@value #TRIED_TO_WRITE} whose
     * message says so.
     */
    static VerificationResult run(Verification verification, ConnectionDetails connection, Credential credential)
            throws SQLException {
        try (Connection session = ReadinessProbe.open(connection, credential); Statement statement = session.createStatement()) {
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            session.setAutoCommit(false);
            session.setReadOnly(true);
            statement.setMaxRows(1);
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            try (ResultSet result = statement.executeQuery(verification.sql())) {
                boolean anyRow = result.next();
                String firstValue = anyRow ? result.getString(1) : null;
                return new VerificationResult(verification, anyRow, firstValue,
                        verification.expectation().isMetBy(anyRow, firstValue));
            } catch (SQLException e) {
                if (TRIED_TO_WRITE.equals(e.getSQLState())) {
                    throw new SQLException("the query tried to write, and a verification may only read (it runs in a read-only "
                            + "transaction, so nothing was changed): write a SELECT that checks the data instead. "
                            + e.getMessage(), TRIED_TO_WRITE, e);
                }
                throw e;
            } finally {
                session.rollback();
            }
        }
    }
}
