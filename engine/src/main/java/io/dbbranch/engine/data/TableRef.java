package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.util.Objects;

/**
 * A table named by a user: {@code countries} (in schema {@code public}) or {@code sales.countries}. Names are matched
 * exactly as written against the catalog, as PostgreSQL stores them (unquoted names are lower case there).
 */
public record TableRef(String schema, String table) {
    /** The schema of tables named without one. */
    public static final String DEFAULT_SCHEMA = "public";

    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** Reads {@code table} or {@code schema.table}. */
    public static TableRef parse(String text) {
        String[] parts = Names.split(text, "a table", "countries or sales.countries");
        return switch (parts.length) {
            case 1 -> new TableRef(DEFAULT_SCHEMA, parts[0]);
            case 2 -> new TableRef(parts[0], parts[1]);
            default -> throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Name the table '" + text + "'",
                    "a table name has one or two parts (table or schema.table), this one has " + parts.length,
                    "Write e.g. countries or sales.countries");
        };
    }

    /** {@code schema.table}, as shown in reports. */
    @Override
    public String toString() {
        return schema + "." + table;
    }
}
