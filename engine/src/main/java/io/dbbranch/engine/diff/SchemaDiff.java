package io.dbbranch.engine.diff;

import io.dbbranch.engine.diff.SchemaChange.Kind;
import io.dbbranch.engine.diff.SchemaChange.ObjectType;
import io.dbbranch.engine.diff.SchemaSnapshot.Column;
import io.dbbranch.engine.diff.SchemaSnapshot.EnumType;
import io.dbbranch.engine.diff.SchemaSnapshot.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compares a branch's schema with its parent's and flags what can lose data: a dropped table or column, a narrowed
 * or incompatible column type, an enum value removed, and a column that becomes NOT NULL without a default on a table
 * that has rows in the parent.
 */
public final class SchemaDiff {
    private final SchemaSnapshot parent;
    private final SchemaSnapshot branch;
    private final RowProbe parentRows;
    private final List<SchemaChange> changes = new ArrayList<>();

    /** Whether a table of the parent holds rows; asked only about tables that gain a NOT NULL column without a default. */
    @FunctionalInterface
    public interface RowProbe {
        boolean hasRows(String schema, String table) throws SQLException;
    }

    private SchemaDiff(SchemaSnapshot parent, SchemaSnapshot branch, RowProbe parentRows) {
        this.parent = parent;
        this.branch = branch;
        this.parentRows = parentRows;
    }

    /** The changes from {@code parent} to {@code branch}. */
    public static SchemaDiffReport between(SchemaSnapshot parent, SchemaSnapshot branch, RowProbe parentRows) throws SQLException {
        SchemaDiff diff = new SchemaDiff(parent, branch, Objects.requireNonNull(parentRows, "parentRows"));
        diff.compareTables();
        diff.compareObjects(parent.views(), branch.views(), SchemaSnapshot.View::qualifiedName,
                view -> view.materialized() ? ObjectType.MATERIALIZED_VIEW : ObjectType.VIEW,
                view -> view.materialized() ? "materialized view" : "view", SchemaSnapshot.View::definition);
        diff.compareObjects(parent.functions(), branch.functions(), SchemaSnapshot.Function::qualifiedName,
                function -> ObjectType.FUNCTION, SchemaSnapshot.Function::kind, SchemaSnapshot.Function::definition);
        diff.compareObjects(parent.sequences(), branch.sequences(), SchemaSnapshot.Sequence::qualifiedName,
                sequence -> ObjectType.SEQUENCE, SchemaSnapshot.Sequence::describe, SchemaSnapshot.Sequence::describe);
        diff.compareEnums();
        return new SchemaDiffReport(parent.database(), branch.database(), diff.changes);
    }

    /** Reads both schemas and compares them, probing the parent's tables through {@code parentConnection}. */
    public static SchemaDiffReport between(Connection parentConnection, String parentLabel, Connection branchConnection,
                                           String branchLabel) throws SQLException {
        return between(CatalogReader.read(parentConnection, parentLabel), CatalogReader.read(branchConnection, branchLabel),
                (schema, table) -> hasRows(parentConnection, schema, table));
    }

    private void compareTables() throws SQLException {
        Map<String, Table> before = index(parent.tables(), Table::qualifiedName);
        Map<String, Table> after = index(branch.tables(), Table::qualifiedName);
        for (Table table : before.values()) {
            if (!after.containsKey(table.qualifiedName())) {
                changes.add(SchemaChange.destructive(ObjectType.TABLE, table.qualifiedName(), Kind.DROPPED,
                        table.columns().size() + " columns", "drops the table and every row in it"));
            }
        }
        for (Table table : after.values()) {
            Table old = before.get(table.qualifiedName());
            if (old == null) {
                changes.add(SchemaChange.safe(ObjectType.TABLE, table.qualifiedName(), Kind.ADDED, "("
                        + String.join(", ", table.columns().stream().map(Column::name).toList()) + ")"));
            } else {
                compareColumns(old, table);
                compareObjects(old.indexes(), table.indexes(), index -> table.schema() + "." + index.name(),
                        index -> ObjectType.INDEX, SchemaSnapshot.Index::definition, SchemaSnapshot.Index::definition);
                Function<SchemaSnapshot.Constraint, String> constraint = c -> c.type() + " " + c.definition();
                compareObjects(old.constraints(), table.constraints(), c -> table.qualifiedName() + "." + c.name(),
                        c -> ObjectType.CONSTRAINT, constraint, constraint);
            }
        }
    }

    private void compareColumns(Table old, Table table) throws SQLException {
        Map<String, Column> before = index(old.columns(), Column::name);
        Map<String, Column> after = index(table.columns(), Column::name);
        for (Column column : before.values()) {
            if (!after.containsKey(column.name())) {
                changes.add(SchemaChange.destructive(ObjectType.COLUMN, table.qualifiedName() + "." + column.name(), Kind.DROPPED,
                        column.describe(), "drops the column and every value in it"));
            }
        }
        for (Column column : after.values()) {
            Column was = before.get(column.name());
            if (column.equals(was)) {
                continue;
            }
            Optional<String> risk = was == null || was.type().equals(column.type()) ? Optional.empty()
                    : ColumnType.narrowing(was.type(), column.type()).map(why -> why + " (" + was.type() + " → " + column.type() + ")");
            boolean becomesRequired = column.notNull() && !column.fillsItself() && (was == null || !was.notNull());
            if (risk.isEmpty() && becomesRequired && parentRows.hasRows(table.schema(), table.name())) {
                risk = Optional.of((was == null ? "adds" : "makes") + " a NOT NULL column without a default on a table that "
                        + "has rows: rows without a value break the migration, and inserts that leave it out fail");
            }
            changes.add(new SchemaChange(ObjectType.COLUMN, table.qualifiedName() + "." + column.name(),
                    was == null ? Kind.ADDED : Kind.CHANGED, was == null ? column.describe() : was.describe() + " → " + column.describe(),
                    risk.isPresent(), risk.orElse(null)));
        }
    }

    /**
     * Adds, drops and changes of objects that cannot lose data by themselves. A change shows the summary before and
     * after, or "definition changed" where only the definition (a view's query, a function's body) differs.
     */
    private <T> void compareObjects(List<T> before, List<T> after, Function<T, String> name, Function<T, ObjectType> type,
                                    Function<T, String> summary, Function<T, String> definition) {
        Map<String, T> old = index(before, name);
        Map<String, T> now = index(after, name);
        old.forEach((key, value) -> {
            if (!now.containsKey(key)) {
                changes.add(SchemaChange.safe(type.apply(value), key, Kind.DROPPED, summary.apply(value)));
            }
        });
        now.forEach((key, value) -> {
            T was = old.get(key);
            if (was == null) {
                changes.add(SchemaChange.safe(type.apply(value), key, Kind.ADDED, summary.apply(value)));
            } else if (!Objects.equals(definition.apply(was), definition.apply(value))) {
                String detail = summary.apply(was).equals(summary.apply(value)) ? "definition changed"
                        : summary.apply(was) + " → " + summary.apply(value);
                changes.add(SchemaChange.safe(type.apply(value), key, Kind.CHANGED, detail));
            }
        });
    }

    private void compareEnums() {
        Map<String, EnumType> old = index(parent.enums(), EnumType::qualifiedName);
        Map<String, EnumType> now = index(branch.enums(), EnumType::qualifiedName);
        old.forEach((key, value) -> {
            if (!now.containsKey(key)) {
                changes.add(SchemaChange.safe(ObjectType.ENUM, key, Kind.DROPPED, String.join(", ", value.labels())));
            }
        });
        now.forEach((key, value) -> {
            EnumType was = old.get(key);
            if (was == null) {
                changes.add(SchemaChange.safe(ObjectType.ENUM, key, Kind.ADDED, String.join(", ", value.labels())));
            } else if (!was.labels().equals(value.labels())) {
                List<String> removed = was.labels().stream().filter(label -> !value.labels().contains(label)).toList();
                String detail = String.join(", ", was.labels()) + " → " + String.join(", ", value.labels());
                changes.add(new SchemaChange(ObjectType.ENUM, key, Kind.CHANGED, detail, !removed.isEmpty(),
                        removed.isEmpty() ? null : "removes the values " + String.join(", ", removed)
                                + ": rows that held them were rewritten or deleted"));
            }
        });
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return map;
    }

    private static boolean hasRows(Connection connection, String schema, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quote(schema) + "." + quote(table) + ")")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
