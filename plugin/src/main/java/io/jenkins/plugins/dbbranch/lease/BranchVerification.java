package io.jenkins.plugins.dbbranch.lease;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.restore.VerificationResult;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.SQLException;

/**
 * The {@code verify} and {@code expect} parameters: the engine's {@link Verification}, a read-only query run as the
 * branch's own login whose first value must meet the expectation ({@code non-empty} by default: not null, not false,
 * not zero).
 */
public final class BranchVerification {
    private BranchVerification() {
    }

    /** The verification the parameters ask for, or {@code null} for none. */
    @CheckForNull
    public static Verification of(@CheckForNull String query, @CheckForNull String expect) throws AbortException {
        if (query == null) {
            if (expect != null) {
                throw new AbortException("expect: '" + expect + "' needs a verify query to check, e.g. verify: 'select count(*) from customers'");
            }
            return null;
        }
        try {
            return new Verification(query, expect == null ? Expectation.nonEmpty() : Expectation.parse(expect));
        } catch (DbBranchException e) {
            throw LeaseOpener.abort(e);
        }
    }

    /** Runs the verification on a branch; fails unless it is met. Returns what it found, for the console. */
    public static String check(Verification verification, ConnectionDetails connection, Credential credential)
            throws AbortException {
        VerificationResult result;
        try {
            result = verification.runOn(connection, credential);
        } catch (SQLException e) {
            throw new AbortException("verify: " + verification.sql() + " failed on the branch: " + e.getMessage());
        }
        if (!result.met()) {
            throw new AbortException("verify: " + result.describe() + "; the branch does not hold what the build needs");
        }
        return "[dbbranch] verified: " + result.describe();
    }
}
