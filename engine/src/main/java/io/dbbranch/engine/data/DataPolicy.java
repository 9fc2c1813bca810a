package io.dbbranch.engine.data;

import com.fasterxml.jackson.annotation.JsonValue;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.util.Arrays;
import java.util.Locale;

/** What data a branch holds: all of its parent's ({@link #FULL}), none but kept tables, or masked. */
public enum DataPolicy {
    /** Every row of the parent, as it is: the default. */
    FULL("full"),
    /** The parent's schema with no rows, except tables named to keep (reference data such as countries). */
    SCHEMA_ONLY("schema-only"),
    /** The parent's rows with personal columns rewritten by masking rules before anyone else logs in. */
    MASKED("masked");

    private final String text;

    DataPolicy(String text) {
        this.text = text;
    }

    /** The name used on command lines, in pipelines and in JSON: {@code full}, {@code schema-only}, {@code masked}. */
    @JsonValue
    public String text() {
        return text;
    }

    /** Reads {@code full}, {@code schema-only} or {@code masked} (case-insensitive; {@code schema_only} too). */
    public static DataPolicy parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(policy -> policy.text.equals(wanted)).findFirst()
                .orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use the data policy '" + value + "'",
                        "it is not one of full, schema-only, masked", "Write full (the default), schema-only or masked"));
    }

    @Override
    public String toString() {
        return text;
    }
}
