package io.dbbranch.engine.data;

import io.dbbranch.engine.postgres.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The branch's tables and columns as masking and emptying need them, read over the branch's own session. Every query
 * names {@code pg_catalog} objects explicitly, so the session's {@code search_path} (pinned anyway) cannot redirect them.
 * User tables are those outside {@code pg_*} and {@code information_schema} that are not partitions (their parent is
 * the table) and not an extension's (e.g. PostGIS' {@code spatial_ref_sys}, left as the extension made it).
 */
final class DataCatalog {
    private static final String USER_RELATIONS = """
            n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND NOT c.relispartition
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                            AND d.objid = c.oid AND d.deptype = 'e')""";

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname, pg_catalog.pg_has_role(c.relowner, 'USAGE') AS mine,
                   c.relrowsecurity AND (c.relforcerowsecurity OR NOT pg_catalog.pg_has_role(c.relowner, 'USAGE')) AS row_security,
                   (SELECT pg_catalog.count(*) FROM pg_catalog.pg_rewrite r
                     WHERE (r.ev_class = c.oid OR r.ev_class IN (SELECT t.relid FROM pg_catalog.pg_partition_tree(c.oid) t))
                       AND r.ev_type <> '1') AS rules
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND """ + " " + USER_RELATIONS + " ORDER BY n.nspname, c.relname";

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), t.typcategory, a.attnotnull,
                   a.attgenerated <> '' AS generated, pg_catalog.col_description(a.attrelid, a.attnum),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique
                           AND a.attnum = ANY (i.indkey)) AS in_unique,
                   (SELECT pg_catalog.string_agg(f.conname || CASE WHEN f.condeferrable THEN '' ELSE ' (not deferrable)' END, ', ')
                      FROM pg_catalog.pg_constraint f WHERE f.contype = 'f'
                       AND ((f.conrelid = a.attrelid AND a.attnum = ANY (f.conkey))
                         OR (f.confrelid = a.attrelid AND a.attnum = ANY (f.confkey)))) AS foreign_keys,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f WHERE f.contype = 'f' AND NOT f.condeferrable
                       AND ((f.conrelid = a.attrelid AND a.attnum = ANY (f.conkey))
                         OR (f.confrelid = a.attrelid AND a.attnum = ANY (f.confkey)))) AS rigid_key
            FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum""";

    private static final String TRIGGERS = """
            SELECT g.tgrelid::pg_catalog.regclass::text, g.tgname, g.tgenabled
            FROM pg_catalog.pg_trigger g
            WHERE NOT g.tgisinternal AND g.tgenabled <> 'D'
              AND (g.tgrelid = ?::pg_catalog.oid
                   OR g.tgrelid IN (SELECT t.relid FROM pg_catalog.pg_partition_tree(?::pg_catalog.oid) t))
            ORDER BY g.tgrelid, g.tgname""";

    private static final String MATERIALIZED_VIEWS = """
            SELECT c.oid::pg_catalog.regclass::text, pg_catalog.pg_has_role(c.relowner, 'USAGE')
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'm' AND c.relispopulated AND """ + " " + USER_RELATIONS + " ORDER BY c.oid";

    private DataCatalog() {
    }

    /** A user table. {@code rowSecurity}: row-level security applies to this session (rows could be skipped). */
    record Table(long oid, TableRef ref, boolean mine, boolean rowSecurity, int rules, List<Column> columns) {
        String quoted() {
            return SqlText.identifier(ref.schema()) + "." + SqlText.identifier(ref.table());
        }

        Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * A column. {@code category} is {@code pg_type.typcategory} ({@code S} strings, {@code N} numbers, {@code D} dates
     * and times); {@code foreignKeys} names the foreign keys it is part of, {@code rigidKey} whether one of them cannot
     * be deferred.
     */
    record Column(String name, String type, char category, boolean notNull, boolean generated, String comment,
                  boolean inUnique, String foreignKeys, boolean rigidKey) {
        String quoted() {
            return SqlText.identifier(name);
        }
    }

    /**
     * An enabled user trigger on a table or one of its partitions ({@code pg_partition_tree} lists nothing for a plain
     * table, hence the query asks for both); {@code mode} is {@code pg_trigger.tgenabled}.
     */
    record Trigger(String relation, String name, String mode) {
    }

    /** A populated materialized view, by its regclass text. */
    record MaterializedView(String name, boolean mine) {
    }

    static List<Table> tables(Connection session) throws SQLException {
        Map<Long, Table> tables = new LinkedHashMap<>();
        Map<Long, List<Column>> columns = new LinkedHashMap<>();
        try (PreparedStatement query = session.prepareStatement(TABLES); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long oid = rows.getLong(1);
                List<Column> own = new ArrayList<>();
                columns.put(oid, own);
                tables.put(oid, new Table(oid, new TableRef(rows.getString(2), rows.getString(3)), rows.getBoolean(4),
                        rows.getBoolean(5), rows.getInt(6), own));
            }
        }
        if (tables.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement query = session.prepareStatement(COLUMNS)) {
            query.setArray(1, session.createArrayOf("oid", tables.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.get(rows.getLong(1)).add(new Column(rows.getString(2), rows.getString(3), rows.getString(4).charAt(0),
                            rows.getBoolean(5), rows.getBoolean(6), rows.getString(7), rows.getBoolean(8), rows.getString(9),
                            rows.getBoolean(10)));
                }
            }
        }
        return List.copyOf(tables.values());
    }

    static List<Trigger> enabledTriggers(Connection session, Table table) throws SQLException {
        List<Trigger> triggers = new ArrayList<>();
        try (PreparedStatement query = session.prepareStatement(TRIGGERS)) {
            query.setLong(1, table.oid());
            query.setLong(2, table.oid());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    triggers.add(new Trigger(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return triggers;
    }

    static List<MaterializedView> materializedViews(Connection session) throws SQLException {
        List<MaterializedView> views = new ArrayList<>();
        try (PreparedStatement query = session.prepareStatement(MATERIALIZED_VIEWS); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                views.add(new MaterializedView(rows.getString(1), rows.getBoolean(2)));
            }
        }
        return views;
    }
}
