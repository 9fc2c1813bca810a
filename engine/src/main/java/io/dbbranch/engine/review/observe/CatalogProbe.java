package io.dbbranch.engine.review.observe;

import io.dbbranch.engine.diff.CatalogReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link CatalogState} on the observer's connection. Catalog reads only: the tables themselves are never
 * queried (sizes come from {@code pg_total_relation_size}, row counts from {@code reltuples}). Every function and
 * operator is schema-qualified, on a connection whose {@code search_path} is pinned to {@code pg_catalog, pg_temp}
 * ({@link ObserverConnections}), because the database's objects belong to a role that runs untrusted migrations.
 *
 * <p>{@code pg_total_relation_size} takes an ACCESS SHARE lock on each table: sizes are read only between
 * migrations, when the migrating session holds no lock, so the observer never waits for the migration (and its
 * {@code lock_timeout} bounds it if something else does).
 */
final class CatalogProbe {
    private static final String EQ = " OPERATOR(pg_catalog.=) ";
    /** User schemas: not the system's, not TOAST or temporary ones, not dbbranch's own bookkeeping. */
    private static final String USER_SCHEMA = " n.nspname OPERATOR(pg_catalog.!~) "
            + "'^(pg_catalog|information_schema|dbbranch)$|^pg_toast|^pg_temp_' ";
    private static final String TABLES = "SELECT c.oid::pg_catalog.int8, n.nspname, c.relname, c.relfilenode::pg_catalog.int8, "
            + "c.reltuples::pg_catalog.int8, CASE WHEN ? THEN pg_catalog.pg_total_relation_size(c.oid) END "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid" + EQ + "c.relnamespace "
            + "WHERE c.relkind" + EQ + "ANY ('{r,p,m}'::pg_catalog.\"char\"[]) AND c.relname OPERATOR(pg_catalog.<>) ? AND"
            + USER_SCHEMA + "ORDER BY 1";
    private static final String COLUMNS = "SELECT a.attrelid::pg_catalog.int8, a.attname, a.attnotnull "
            + "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid" + EQ + "a.attrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid" + EQ + "c.relnamespace "
            + "WHERE a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped AND c.relkind" + EQ
            + "ANY ('{r,p}'::pg_catalog.\"char\"[]) AND" + USER_SCHEMA + "ORDER BY 1, a.attnum";
    private static final String INDEXES = "SELECT x.indrelid::pg_catalog.int8, i.relname "
            + "FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid" + EQ + "x.indexrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid" + EQ + "i.relnamespace WHERE" + USER_SCHEMA + "ORDER BY 1, 2";
    private static final String CONSTRAINTS = "SELECT k.conrelid::pg_catalog.int8, k.conname, k.contype" + EQ
            + "'f'::pg_catalog.\"char\", k.convalidated, k.confrelid::pg_catalog.int8, pg_catalog.pg_get_constraintdef(k.oid) "
            + "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid" + EQ + "k.connamespace "
            + "WHERE k.contype" + EQ + "ANY ('{f,c}'::pg_catalog.\"char\"[]) AND k.conrelid OPERATOR(pg_catalog.<>) 0 AND"
            + USER_SCHEMA + "ORDER BY 1, 2";
    /** Walks the database's directory: no lock on any table. */
    private static final String DATABASE_SIZE = "SELECT pg_catalog.pg_database_size(pg_catalog.current_database())";

    private final Connection connection;
    private final String historyTable;
    private final String label;

    /**
     * @param connection   a connection from {@link ObserverConnections}, {@code search_path} pinned
     * @param historyTable Flyway's history table, left out (every migration writes it)
     * @param label        the database's label for the schema snapshot
     */
    CatalogProbe(Connection connection, String historyTable, String label) {
        this.connection = connection;
        this.historyTable = historyTable;
        this.label = label;
    }

    /**
     * The catalog now.
     *
     * @param withSizes whether to measure table sizes (only while the migrating session holds no lock)
     */
    CatalogState read(boolean withSizes) throws SQLException {
        Map<Long, TableState> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
            statement.setBoolean(1, withSizes);
            statement.setString(2, historyTable);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long size = row.getLong(6);
                    tables.put(row.getLong(1), new TableState(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                            row.wasNull() ? -1 : size, row.getLong(5), Map.of()));
                }
            }
        }
        Map<Long, Map<String, Boolean>> columns = new HashMap<>();
        query(COLUMNS, row -> columns.computeIfAbsent(row.getLong(1), oid -> new LinkedHashMap<>())
                .put(row.getString(2), row.getBoolean(3)));
        columns.forEach((oid, flags) -> tables.computeIfPresent(oid, (key, table) -> table.withColumns(flags)));
        Map<Long, List<String>> indexes = new HashMap<>();
        query(INDEXES, row -> indexes.computeIfAbsent(row.getLong(1), oid -> new ArrayList<>()).add(row.getString(2)));
        List<ConstraintState> constraints = new ArrayList<>();
        query(CONSTRAINTS, row -> constraints.add(new ConstraintState(row.getLong(1), row.getString(2), row.getBoolean(3),
                row.getBoolean(4), row.getLong(5), row.getString(6))));
        long[] databaseBytes = {-1};
        query(DATABASE_SIZE, row -> databaseBytes[0] = row.getLong(1));
        return new CatalogState(tables, indexes, constraints, CatalogReader.read(connection, label), databaseBytes[0]);
    }

    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                handler.handle(row);
            }
        }
    }
}
