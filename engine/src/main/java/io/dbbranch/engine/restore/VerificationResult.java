package io.dbbranch.engine.restore;

/**
 * What a verification query returned on the restored branch.
 *
 * @param verification the query and its expectation
 * @param anyRow       whether it returned a row
 * @param firstValue   the first column of the first row as text; {@code null} for SQL NULL or no row
 * @param met          whether that meets the expectation
 */
public record VerificationResult(Verification verification, boolean anyRow, String firstValue, boolean met) {

    /** E.g. {@code "SELECT count(*) FROM t returned 0, expected non-empty"}. */
    public String describe() {
        String got = anyRow ? (firstValue == null ? "NULL" : firstValue) : "no rows";
        return verification.sql() + " returned " + got + ", expected " + verification.expectation().describe();
    }
}
