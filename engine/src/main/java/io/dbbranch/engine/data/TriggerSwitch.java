package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.postgres.SqlText;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a table's enabled user triggers off for the statements that mask or empty it, and back on as they were
 * ({@code ENABLE}, {@code ENABLE REPLICA} or {@code ENABLE ALWAYS}), inside the caller's transaction: an audit trigger
 * would otherwise copy the real values into its log, and any trigger would run its author's code. Needs the table's
 * owner, which the branch's role is on the PostgreSQL and local providers; elsewhere a table with triggers stops the
 * masking with a message. Internal triggers (foreign keys) stay on.
 */
final class TriggerSwitch {
    private final List<DataCatalog.Trigger> disabled = new ArrayList<>();

    private TriggerSwitch() {
    }

    /** Disables the enabled user triggers of {@code table} and its partitions; {@link #restore} turns them back on. */
    static TriggerSwitch off(Connection session, DataCatalog.Table table) throws SQLException {
        TriggerSwitch triggers = new TriggerSwitch();
        List<DataCatalog.Trigger> enabled = DataCatalog.enabledTriggers(session, table);
        if (enabled.isEmpty()) {
            return triggers;
        }
        if (!table.mine()) {
            throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, "Change the rows of " + table.ref() + " on the branch",
                    "it has triggers (" + String.join(", ", enabled.stream().map(DataCatalog.Trigger::name).toList())
                            + ") and the branch's role does not own it, so it cannot turn them off; they would run during masking",
                    "Drop or disable those triggers in the parent, or make the lease's role the owner of the table");
        }
        try (Statement statement = session.createStatement()) {
            for (DataCatalog.Trigger trigger : enabled) {
                statement.execute("ALTER TABLE " + trigger.relation() + " DISABLE TRIGGER " + SqlText.identifier(trigger.name()));
                triggers.disabled.add(trigger);
            }
        }
        return triggers;
    }

    void restore(Connection session) throws SQLException {
        try (Statement statement = session.createStatement()) {
            for (DataCatalog.Trigger trigger : disabled) {
                String mode = switch (trigger.mode()) {
                    case "R" -> "ENABLE REPLICA TRIGGER ";
                    case "A" -> "ENABLE ALWAYS TRIGGER ";
                    default -> "ENABLE TRIGGER ";
                };
                statement.execute("ALTER TABLE " + trigger.relation() + " " + mode + SqlText.identifier(trigger.name()));
            }
        }
    }
}
