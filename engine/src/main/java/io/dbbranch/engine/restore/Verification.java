package io.dbbranch.engine.restore;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A query run on a restored branch, read-only, as the branch's own login, and what it must return.
 *
 * @param sql         e.g. {@code SELECT count(*) FROM final_entities}
 * @param expectation what its first value must be
 */
public record Verification(String sql, Expectation expectation) {
    public Verification {
        if (sql == null || sql.isBlank()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Verify a restore", "the verification query is empty",
                    "Give a query such as SELECT count(*) FROM my_table");
        }
        sql = sql.trim();
        Objects.requireNonNull(expectation, "expectation");
    }

    /**
     * Runs the query on a branch as {@code credential}, read-only, and tells whether it met its expectation: what a
     * restore does with its recovery branch, for front ends that check other branches too (a build's branch after its
     * migrations).
     *
     * @throws SQLException when the query itself fails (a missing table, a syntax error)
     */
    public VerificationResult runOn(ConnectionDetails connection, Credential credential) throws SQLException {
        return VerificationQuery.run(this, connection, credential);
    }
}
