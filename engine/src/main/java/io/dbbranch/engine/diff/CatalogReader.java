package io.dbbranch.engine.diff;

import io.dbbranch.engine.diff.SchemaSnapshot.Column;
import io.dbbranch.engine.diff.SchemaSnapshot.Constraint;
import io.dbbranch.engine.diff.SchemaSnapshot.EnumType;
import io.dbbranch.engine.diff.SchemaSnapshot.Function;
import io.dbbranch.engine.diff.SchemaSnapshot.Index;
import io.dbbranch.engine.diff.SchemaSnapshot.Sequence;
import io.dbbranch.engine.diff.SchemaSnapshot.Table;
import io.dbbranch.engine.diff.SchemaSnapshot.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link SchemaSnapshot} from {@code pg_catalog} over JDBC: no {@code pg_dump}, nothing to install. Leaves out
 * system schemas, temporary and TOAST schemas, dbbranch's own {@code dbbranch} schema and objects that belong to
 * extensions. Every query orders its rows, so the snapshot is deterministic.
 */
public final class CatalogReader {
    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'dbbranch') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' ";
    private static final String TABLES = "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
            + "pg_get_expr(d.adbin, d.adrelid), a.attnotnull, a.attidentity, a.attgenerated "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
            + "WHERE c.relkind IN ('r', 'p') AND " + USER_SCHEMA + "AND " + notInExtension("pg_class", "c.oid")
            + "ORDER BY n.nspname, c.relname, a.attnum";
    private static final String INDEXES = "SELECT n.nspname, t.relname, i.relname, pg_get_indexdef(i.oid) "
            + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND " + USER_SCHEMA
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.contype IN ('p', 'u', 'x')) "
            + "ORDER BY n.nspname, t.relname, i.relname";
    private static final String CONSTRAINTS = "SELECT n.nspname, t.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) "
            + "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            + "WHERE t.relkind IN ('r', 'p') AND k.contype IN ('p', 'u', 'f', 'c', 'x') AND " + USER_SCHEMA
            + "ORDER BY n.nspname, t.relname, k.conname";
    private static final String VIEWS = "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMA
            + "AND " + notInExtension("pg_class", "c.oid") + "ORDER BY n.nspname, c.relname";
    private static final String FUNCTIONS = "SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
            + "CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'window' END, "
            + "CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END "
            + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMA
            + "AND " + notInExtension("pg_proc", "p.oid") + "ORDER BY 1, 2";
    private static final String SEQUENCES = "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, "
            + "s.seqincrement, s.seqmin, s.seqmax, s.seqcycle FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA + "AND NOT EXISTS (SELECT 1 FROM pg_depend d "
            + "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('i', 'e')) ORDER BY 1, 2";
    private static final String ENUMS = "SELECT n.nspname, t.typname, e.enumlabel FROM pg_type t "
            + "JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_SCHEMA
            + "AND " + notInExtension("pg_type", "t.oid") + "ORDER BY n.nspname, t.typname, e.enumsortorder";

    private CatalogReader() {
    }

    /**
     * The schema of the database {@code connection} is connected to, labelled {@code database}. It first pins the
     * session's {@code search_path} to {@code pg_catalog, pg_temp}: the catalog functions these queries call unqualified
     * ({@code format_type}, {@code pg_get_viewdef}, …) must be the built-ins, never a better-matching function a role that
     * owns objects in the database planted (the login may be a parent's owner or an admin). Definitions then name every
     * object with its schema, on both sides of a comparison alike. The connection is the caller's: its own
     * {@code search_path} is given back afterwards, so its unqualified names resolve as before the read.
     */
    public static SchemaSnapshot read(Connection connection, String database) throws SQLException {
        String[] callers = new String[1];
        query(connection, "SELECT pg_catalog.current_setting('search_path')", row -> callers[0] = row.getString(1));
        setSearchPath(connection, "pg_catalog, pg_temp");
        SchemaSnapshot snapshot;
        try {
            snapshot = readPinned(connection, database);
        } catch (SQLException | RuntimeException failure) {
            try {
                setSearchPath(connection, callers[0]);
            } catch (SQLException restoring) {
                failure.addSuppressed(restoring);
            }
            throw failure;
        }
        setSearchPath(connection, callers[0]);
        return snapshot;
    }

    private static void setSearchPath(Connection connection, String searchPath) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, false)")) {
            statement.setString(1, searchPath);
            statement.execute();
        }
    }

    private static SchemaSnapshot readPinned(Connection connection, String database) throws SQLException {
        Map<List<String>, List<Column>> columns = new LinkedHashMap<>();
        query(connection, TABLES, row -> {
            List<Column> list = columns.computeIfAbsent(key(row), k -> new ArrayList<>());
            if (row.getString(3) != null) {
                String identity = switch (row.getString(7)) {
                    case "a" -> "always";
                    case "d" -> "by default";
                    default -> null;
                };
                boolean generated = "s".equals(row.getString(8));
                list.add(new Column(row.getString(3), row.getString(4), row.getString(5), row.getBoolean(6), identity,
                        generated ? row.getString(5) : null));
            }
        });
        Map<List<String>, List<Index>> indexes = new LinkedHashMap<>();
        query(connection, INDEXES, row -> indexes.computeIfAbsent(key(row), k -> new ArrayList<>())
                .add(new Index(row.getString(3), row.getString(4))));
        Map<List<String>, List<Constraint>> constraints = new LinkedHashMap<>();
        query(connection, CONSTRAINTS, row -> constraints.computeIfAbsent(key(row), k -> new ArrayList<>())
                .add(new Constraint(row.getString(3), constraintType(row.getString(4)), row.getString(5))));
        List<Table> tables = new ArrayList<>();
        columns.forEach((key, list) -> tables.add(new Table(key.get(0), key.get(1), list,
                indexes.getOrDefault(key, List.of()), constraints.getOrDefault(key, List.of()))));

        List<View> views = new ArrayList<>();
        query(connection, VIEWS, row -> views.add(new View(row.getString(1), row.getString(2), row.getBoolean(3), row.getString(4))));
        List<Function> functions = new ArrayList<>();
        query(connection, FUNCTIONS, row -> functions.add(new Function(row.getString(1), row.getString(2), row.getString(3),
                row.getString(4))));
        List<Sequence> sequences = new ArrayList<>();
        query(connection, SEQUENCES, row -> sequences.add(new Sequence(row.getString(1), row.getString(2), row.getString(3),
                row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getBoolean(8))));
        Map<List<String>, List<String>> labels = new LinkedHashMap<>();
        query(connection, ENUMS, row -> labels.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row.getString(3)));
        List<EnumType> enums = new ArrayList<>();
        labels.forEach((key, values) -> enums.add(new EnumType(key.get(0), key.get(1), values)));
        return new SchemaSnapshot(database, tables, views, functions, sequences, enums);
    }

    /** The schema and name in the first two columns. */
    private static List<String> key(ResultSet row) throws SQLException {
        return List.of(row.getString(1), row.getString(2));
    }

    private static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = " + oid
                + " AND e.deptype = 'e') ";
    }

    private static String constraintType(String code) {
        return switch (code) {
            case "p" -> "PRIMARY KEY";
            case "u" -> "UNIQUE";
            case "f" -> "FOREIGN KEY";
            case "c" -> "CHECK";
            default -> "EXCLUDE";
        };
    }

    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowHandler handler) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                handler.handle(rows);
            }
        }
    }
}
