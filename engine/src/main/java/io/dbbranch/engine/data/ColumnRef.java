package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.util.Objects;

/** A column named by a user: {@code customers.email} (schema {@code public}) or {@code sales.customers.email}. */
public record ColumnRef(TableRef table, String column) {
    public ColumnRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    /** Reads {@code table.column} or {@code schema.table.column}. */
    public static ColumnRef parse(String text) {
        String[] parts = Names.split(text, "a column", "customers.email or sales.customers.email");
        return switch (parts.length) {
            case 2 -> new ColumnRef(new TableRef(TableRef.DEFAULT_SCHEMA, parts[0]), parts[1]);
            case 3 -> new ColumnRef(new TableRef(parts[0], parts[1]), parts[2]);
            default -> throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Name the column '" + text + "'",
                    "a column name has two or three parts (table.column or schema.table.column), this one has " + parts.length,
                    "Write e.g. customers.email or sales.customers.email");
        };
    }

    /** {@code schema.table.column}, as shown in reports. */
    @Override
    public String toString() {
        return table + "." + column;
    }
}
