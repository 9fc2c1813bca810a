package io.dbbranch.engine.migration;

import java.util.List;
import java.util.Objects;

/**
 * A database's schema history set against the checkout's migrations, as Flyway sees them (both in Flyway's version
 * order).
 *
 * @param database       the database's label
 * @param currentVersion the schema version, {@code null} for an empty history
 * @param applied        the history table's rows
 * @param checkout       the checkout's migration scripts
 * @param pending        the scripts {@code migrate} would apply now, in order
 */
public record SchemaHistory(String database, String currentVersion, List<HistoryEntry> applied, List<ScriptMigration> checkout,
                            List<ScriptMigration> pending) {
    public SchemaHistory {
        Objects.requireNonNull(database, "database");
        applied = List.copyOf(applied);
        checkout = List.copyOf(checkout);
        pending = List.copyOf(pending);
    }
}
