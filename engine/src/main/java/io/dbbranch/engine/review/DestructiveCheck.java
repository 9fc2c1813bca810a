package io.dbbranch.engine.review;

import io.dbbranch.engine.diff.SchemaChange;
import io.dbbranch.engine.diff.SchemaDiff;
import io.dbbranch.engine.diff.SchemaDiffReport;
import io.dbbranch.engine.diff.SchemaSnapshot;
import io.dbbranch.engine.review.observe.MigrationObservation;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code destructive} rule: the schema diff's destructive changes (a dropped table or column, a narrowed type,
 * a removed enum value, a NOT NULL column without default) between the catalog before and after one migration, on
 * tables that held rows. The row check reads {@code reltuples}: a table never analysed counts as holding rows.
 */
final class DestructiveCheck {
    private final ReviewPolicy policy;

    DestructiveCheck(ReviewPolicy policy) {
        this.policy = policy;
    }

    List<Finding> check(MigrationObservation migration, Map<String, TableFacts> tables) throws SQLException {
        Level level = policy.level(Rule.DESTRUCTIVE);
        if (level == Level.OFF || migration.before() == null || migration.after() == null || migration.before().schema() == null
                || migration.after().schema() == null) {
            return List.of();
        }
        SchemaDiffReport diff = SchemaDiff.between(migration.before().schema(), migration.after().schema(),
                (schema, table) -> migration.before().table(schema + "." + table).map(t -> t.rows() != 0).orElse(false));
        List<Finding> findings = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            if (!change.destructive() || onlyBecomesRequired(change, migration)) {
                continue;
            }
            Optional<TableFacts> table = tableOf(change, tables);
            if (table.isPresent() && table.get().before().rows() == 0) {
                continue; // an empty table loses nothing
            }
            String message = change.label() + " " + change.name() + ": " + change.reason()
                    + table.map(t -> "; " + t.describe() + " before the migration").orElse("");
            String remedy = "Expand and contract: stop every reader and writer of it in one release, drop it in a later "
                    + "one. Once applied, only a restore brings the data back (losing every write since); to accept the "
                    + "loss for this run, set destructive: warn";
            findings.add(table.map(t -> t.finding(Rule.DESTRUCTIVE, level, t.lock() == null ? 0 : t.lock().strongestHeldMs(),
                    migration.durationMs(), message, remedy)).orElseGet(() -> new Finding(Rule.DESTRUCTIVE, level,
                    migration.script(), change.name(), null, null, false, null, null, migration.durationMs(), message, remedy, null)));
        }
        return findings;
    }

    /**
     * The diff also flags a column that becomes NOT NULL without a default: a risk for the data a migration meets
     * and for inserts that leave the column out, but no loss. Here the migration already ran on the real data, and
     * the column kept its type, so nothing was lost: left to {@code validationUnderLock} (the scan) and the code.
     */
    private static boolean onlyBecomesRequired(SchemaChange change, MigrationObservation migration) {
        if (change.object() != SchemaChange.ObjectType.COLUMN || change.kind() == SchemaChange.Kind.DROPPED) {
            return false;
        }
        return columnType(migration.before().schema(), change.name()).equals(columnType(migration.after().schema(), change.name()))
                || change.kind() == SchemaChange.Kind.ADDED;
    }

    private static Optional<String> columnType(SchemaSnapshot schema, String qualifiedColumn) {
        int dot = qualifiedColumn.lastIndexOf('.');
        String table = qualifiedColumn.substring(0, dot);
        String column = qualifiedColumn.substring(dot + 1);
        return schema.tables().stream().filter(t -> t.qualifiedName().equals(table)).flatMap(t -> t.columns().stream())
                .filter(c -> c.name().equals(column)).map(SchemaSnapshot.Column::type).findFirst();
    }

    /** The table a change belongs to: itself for a table, the table for a column; none for an enum. */
    private static Optional<TableFacts> tableOf(SchemaChange change, Map<String, TableFacts> tables) {
        return switch (change.object()) {
            case TABLE -> Optional.ofNullable(tables.get(change.name()));
            case COLUMN -> Optional.ofNullable(tables.get(change.name().substring(0, change.name().lastIndexOf('.'))));
            default -> Optional.empty();
        };
    }
}
