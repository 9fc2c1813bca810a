package io.dbbranch.engine.data;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What was done to a branch's data before anyone else logged in: per table, what happened to it and to how many rows.
 *
 * @param policy   the policy applied
 * @param method   how: {@code none} (full data), {@code native} (the provider made a schema-only branch),
 *                 {@code truncate} (emptied on the branch) or {@code mask}
 * @param tables   one entry per table emptied, kept or masked
 * @param warnings what could not be done and is worth knowing (e.g. statistics the branch's role may not recompute)
 * @param elapsed  how long it took, credential and login included
 */
public record BranchDataResult(DataPolicy policy, String method, List<TableOutcome> tables, List<String> warnings,
                               Duration elapsed) {
    public BranchDataResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(method, "method");
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The result of leaving a branch as its parent made it. */
    public static BranchDataResult untouched() {
        return new BranchDataResult(DataPolicy.FULL, "none", List.of(), List.of(), Duration.ZERO);
    }

    /** What happened to a table. */
    public enum Action { MASKED, EMPTIED, KEPT }

    /**
     * One table's outcome.
     *
     * @param table   {@code schema.table}
     * @param action  masked, emptied or kept
     * @param rows    rows masked, or kept; for emptied tables, 0
     * @param columns the masked columns with their strategy ({@code email: email}); empty otherwise
     */
    public record TableOutcome(String table, Action action, long rows, List<String> columns) {
        public TableOutcome {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(action, "action");
            columns = List.copyOf(columns);
        }
    }

    /** Rows masked in all tables. */
    public long maskedRows() {
        return tables.stream().filter(t -> t.action() == Action.MASKED).mapToLong(TableOutcome::rows).sum();
    }

    /** One line for logs, e.g. {@code masked: 3 tables, 5 columns, 12000 rows in 1.20 s}. */
    public String summary() {
        long masked = tables.stream().filter(t -> t.action() == Action.MASKED).count();
        long columns = tables.stream().mapToLong(t -> t.columns().size()).sum();
        long emptied = tables.stream().filter(t -> t.action() == Action.EMPTIED).count();
        long kept = tables.stream().filter(t -> t.action() == Action.KEPT).count();
        String what = switch (policy) {
            case FULL -> "full data";
            case SCHEMA_ONLY -> "schema only (" + ("native".equals(method) ? "made by the provider" : emptied + " tables emptied")
                    + (kept > 0 ? ", " + kept + " kept" : "") + ")";
            case MASKED -> "masked: " + masked + " tables, " + columns + " columns, " + maskedRows() + " rows"
                    + (emptied > 0 ? "; " + emptied + " tables emptied" : "");
        };
        return String.format("%s in %.2f s", what, elapsed.toMillis() / 1000.0);
    }
}
