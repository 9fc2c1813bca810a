package io.dbbranch.engine.restore;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.math.BigDecimal;
import java.util.Locale;

/** What a verification query must return for a restore to count as good. Only the first column of the first row counts. */
public sealed interface Expectation {

    /**
     * At least one row whose first value is not null, not false and, if it is a number, not zero: so
     * {@code SELECT count(*) FROM t}, {@code SELECT id FROM t LIMIT 1} and {@code SELECT count(*) > 0 FROM t} all work.
     */
    static Expectation nonEmpty() {
        return new NonEmpty();
    }

    /** A first value equal to {@code value}, e.g. {@code SELECT count(*) FROM t} returning exactly 32. */
    static Expectation equalTo(long value) {
        return new EqualTo(value);
    }

    /**
     * Reads an expectation as front ends take it: {@code non-empty}, or a number ({@code 32}, {@code =32}).
     *
     * @throws DbBranchException {@code INVALID_REQUEST} for anything else
     */
    static Expectation parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("non-empty") || trimmed.equals("nonempty")) {
            return nonEmpty();
        }
        try {
            return equalTo(Long.parseLong(trimmed.startsWith("=") ? trimmed.substring(1).trim() : trimmed));
        } catch (NumberFormatException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Expect '" + text + "' of the verification query",
                    "that is neither 'non-empty' nor a whole number", "Write 'non-empty' or the exact value, e.g. 32", e);
        }
    }

    /**
     * Whether a result meets it.
     *
     * @param firstValue the first column of the first row as text; {@code null} for SQL NULL or when there was no row
     * @param anyRow     whether the query returned a row
     */
    boolean isMetBy(boolean anyRow, String firstValue);

    /** The expectation in words, e.g. {@code "non-empty"} or {@code "= 32"}. */
    String describe();

    /** See {@link Expectation#nonEmpty()}. */
    record NonEmpty() implements Expectation {
        @Override
        public boolean isMetBy(boolean anyRow, String firstValue) {
            return anyRow && firstValue != null && !isFalse(firstValue)
                    && !(isNumber(firstValue) && new BigDecimal(firstValue.trim()).signum() == 0);
        }

        @Override
        public String describe() {
            return "non-empty";
        }
    }

    /** See {@link Expectation#equalTo(long)}. */
    record EqualTo(long value) implements Expectation {
        @Override
        public boolean isMetBy(boolean anyRow, String firstValue) {
            return anyRow && firstValue != null && isNumber(firstValue)
                    && new BigDecimal(firstValue.trim()).compareTo(BigDecimal.valueOf(value)) == 0;
        }

        @Override
        public String describe() {
            return "= " + value;
        }
    }

    /** PostgreSQL's false as pgjdbc reads a boolean as text ({@code f}), or as written ({@code false}). */
    private static boolean isFalse(String text) {
        String value = text.trim();
        return value.equalsIgnoreCase("f") || value.equalsIgnoreCase("false");
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
