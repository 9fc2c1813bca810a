package io.dbbranch.engine.restore;

import io.dbbranch.engine.lease.ReadinessProbe;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Runs a {@link Verification} on a branch as its own login, in a read-only transaction. */
final class VerificationQuery {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private VerificationQuery() {
    }

    /** Runs it; an SQL error (a missing table, a syntax error) is the caller's to report as a failed verification. */
    static VerificationResult run(Verification verification, ConnectionDetails connection, Credential credential)
            throws SQLException {
        try (Connection session = ReadinessProbe.open(connection, credential); Statement statement = session.createStatement()) {
            // A check must not change what it checks.
            session.setReadOnly(true);
            statement.setMaxRows(1);
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            try (ResultSet result = statement.executeQuery(verification.sql())) {
                boolean anyRow = result.next();
                String firstValue = anyRow ? result.getString(1) : null;
                return new VerificationResult(verification, anyRow, firstValue,
                        verification.expectation().isMetBy(anyRow, firstValue));
            }
        }
    }
}
