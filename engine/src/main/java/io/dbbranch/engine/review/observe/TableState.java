package io.dbbranch.engine.review.observe;

import java.util.Map;
import java.util.Objects;

/**
 * A table (or materialized view) as the catalog showed it at one moment.
 *
 * @param oid       its {@code pg_class.oid}
 * @param schema    its schema
 * @param name      its name
 * @param fileNode  its {@code relfilenode}: a new one means the table was rewritten (or truncated); {@code 0} for a
 *                  partitioned table, which has no storage of its own
 * @param sizeBytes {@code pg_total_relation_size} (table, indexes, TOAST), {@code -1} when not measured
 * @param rows      the planner's estimate {@code reltuples}, {@code -1} when never analysed
 * @param notNull   its columns, each with whether it is NOT NULL
 */
public record TableState(long oid, String schema, String name, long fileNode, long sizeBytes, long rows, Map<String, Boolean> notNull) {

    public TableState {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        notNull = Map.copyOf(notNull);
    }

    /** {@code public.orders}. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** The same table with its columns' NOT NULL flags. */
    TableState withColumns(Map<String, Boolean> columns) {
        return new TableState(oid, schema, name, fileNode, sizeBytes, rows, columns);
    }
}
