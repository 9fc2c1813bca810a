package io.dbbranch.bench.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated data set for the shop schema of {@code io/dbbranch/bench/migrations}: every table's CSV, in an
 * order that satisfies the foreign keys.
 *
 * @param size   the size it was generated for
 * @param seed   the seed it was generated from (same size and seed: byte-for-byte the same data)
 * @param tables the tables, parents before children
 */
public record ShopData(DataSize size, long seed, List<TableData> tables) {

    /** Where Flyway finds the schema's migrations. */
    public static final String MIGRATIONS = "classpath:io/dbbranch/bench/migrations";

    public ShopData {
        tables = List.copyOf(tables);
    }

    /** Rows per table, in load order. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach(table -> counts.put(table.table(), table.rows()));
        return counts;
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableData::rows).sum();
    }

    /** The CSV size of all tables, in bytes. */
    public long csvBytes() {
        return tables.stream().mapToLong(TableData::bytes).sum();
    }

    /** The table names in load order (parents first). */
    public List<String> tableNames() {
        return tables.stream().map(TableData::table).toList();
    }
}
