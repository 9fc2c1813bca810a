package io.dbbranch.engine.review.observe;

import io.dbbranch.engine.diff.SchemaSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of the catalog the review compares before and after each migration: user tables with their storage,
 * size and row estimate, index names per table, foreign keys and CHECKs, and the schema for the destructive-change
 * diff. Read from the catalog only; never from the tables.
 *
 * @param tables      user tables and materialized views by oid (the history table left out)
 * @param indexes     index names by table oid
 * @param constraints foreign keys and CHECKs
 * @param schema      the schema as {@link io.dbbranch.engine.diff.SchemaDiff} compares it; {@code null} if unread
 * @param databaseBytes the whole database's size ({@code pg_database_size}), for the size each migration adds
 */
public record CatalogState(Map<Long, TableState> tables, Map<Long, List<String>> indexes, List<ConstraintState> constraints,
                           SchemaSnapshot schema, long databaseBytes) {

    public CatalogState {
        tables = Map.copyOf(tables);
        indexes = Map.copyOf(indexes);
        constraints = List.copyOf(constraints);
    }

    /** The table called {@code schema.name}, if there is one. */
    public Optional<TableState> table(String qualifiedName) {
        return tables.values().stream().filter(table -> table.qualifiedName().equals(qualifiedName)).findFirst();
    }

    /** The index names on the table with this oid. */
    public List<String> indexesOf(long tableOid) {
        return indexes.getOrDefault(tableOid, List.of());
    }

    /** The constraint called {@code name} on the table with this oid. */
    public Optional<ConstraintState> constraint(long tableOid, String name) {
        return constraints.stream().filter(c -> c.tableOid() == tableOid && c.name().equals(name)).findFirst();
    }
}
