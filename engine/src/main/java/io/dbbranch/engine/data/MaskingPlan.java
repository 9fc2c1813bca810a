package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.masking.MaskingRules;
import io.dbbranch.engine.data.masking.MaskingSql;
import io.dbbranch.engine.data.masking.MaskingStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masking rules checked against the branch's catalog before anything changes: every rule names an existing column
 * its strategy applies to; no personal-looking column is left without a rule unless allowed; nothing on a masked table
 * could skip rows or copy the real values away (row-level security, rewrite rules). Every problem found is reported
 * at once.
 */
record MaskingPlan(Map<DataCatalog.Table, Map<DataCatalog.Column, MaskingStrategy>> masked, List<DataCatalog.Table> emptied) {

    static MaskingPlan of(List<DataCatalog.Table> tables, MaskingRules rules) {
        Map<TableRef, DataCatalog.Table> byRef = new LinkedHashMap<>();
        tables.forEach(table -> byRef.put(table.ref(), table));
        List<String> problems = new ArrayList<>();
        List<DataCatalog.Table> emptied = new ArrayList<>();
        for (TableRef ref : rules.empty()) {
            DataCatalog.Table table = byRef.get(ref);
            if (table == null) {
                problems.add("empty: there is no table " + ref);
            } else {
                emptied.add(table);
            }
        }
        Map<DataCatalog.Table, Map<DataCatalog.Column, MaskingStrategy>> masked = new LinkedHashMap<>();
        rules.columns().forEach((ref, strategy) -> {
            DataCatalog.Table table = byRef.get(ref.table());
            DataCatalog.Column column = table == null ? null : table.column(ref.column());
            String problem = column == null ? (table == null ? "there is no table " + ref.table() : "there is no column " + ref)
                    : problem(ref, column, strategy);
            if (problem != null) {
                problems.add(problem);
            } else if (emptied.contains(table)) {
                problems.add(ref + ": its table is emptied, so it has nothing to mask");
            } else {
                masked.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column, strategy);
            }
        });
        masked.keySet().forEach(table -> problems.addAll(obstacles(table)));
        if (!problems.isEmpty()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Mask the branch's data", "the masking rules do not fit the "
                    + "branch: " + String.join("; ", problems), "Fix the rules (or the parent's schema) and try again");
        }
        guard(tables, rules, masked, emptied);
        return new MaskingPlan(masked, emptied);
    }

    private static String problem(ColumnRef ref, DataCatalog.Column column, MaskingStrategy strategy) {
        MaskingStrategy.Kind kind = strategy.kind();
        if (column.generated()) {
            return ref + " is a generated column: it follows the columns it is computed from; mask those";
        }
        if (MaskingSql.expression(strategy, column.quoted(), column.type(), column.category(), "p.v") == null) {
            return ref + " is " + column.type() + ", and " + kind.word() + " applies to " + MaskingSql.appliesTo(kind);
        }
        if (kind == MaskingStrategy.Kind.NULL && column.notNull()) {
            return ref + " is NOT NULL, so null cannot mask it; use hash or constant";
        }
        if (column.inUnique() && kind == MaskingStrategy.Kind.HASH && (column.type().equals("smallint") || column.type().equals("integer"))) {
            return ref + " is part of a unique key, and hash leaves a " + column.type() + " too few bits to stay unique; "
                    + "widen it to bigint, or use null";
        }
        if (column.inUnique() && !kind.keepsUniqueness()) {
            return ref + " is part of a unique key, and " + kind.word() + " can give two rows the same value; use hash, email or null";
        }
        if (column.rigidKey()) {
            return ref + " is part of the foreign key " + column.foreignKeys() + ": its rows could not change one side at a time; "
                    + "make the key DEFERRABLE in the parent (then mask both sides with the same hash or email), or allow the column unmasked";
        }
        return null;
    }

    private static List<String> obstacles(DataCatalog.Table table) {
        List<String> found = new ArrayList<>();
        if (table.rowSecurity()) {
            found.add(table.ref() + " has row-level security that applies to the branch's role: some rows would stay unmasked");
        }
        if (table.rules() > 0) {
            found.add(table.ref() + " has " + table.rules() + " rewrite rule(s), which could copy the real values elsewhere "
                    + "during masking; drop them in the parent");
        }
        return found;
    }

    /** Stops when a personal-looking column has no rule, is not in an emptied table, and is not allowed unmasked. */
    private static void guard(List<DataCatalog.Table> tables, MaskingRules rules,
                              Map<DataCatalog.Table, Map<DataCatalog.Column, MaskingStrategy>> masked, List<DataCatalog.Table> emptied) {
        Set<ColumnRef> allowed = new LinkedHashSet<>(rules.allowUnmasked());
        List<String> unruled = new ArrayList<>();
        for (DataCatalog.Table table : tables) {
            if (emptied.contains(table)) {
                continue;
            }
            Map<DataCatalog.Column, MaskingStrategy> ruled = masked.getOrDefault(table, Map.of());
            for (DataCatalog.Column column : table.columns()) {
                ColumnRef ref = new ColumnRef(table.ref(), column.name());
                String reason = column.generated() || ruled.containsKey(column) || allowed.contains(ref) ? null
                        : PersonalColumns.reason(column.name(), column.comment());
                if (reason != null) {
                    unruled.add(ref + " (" + reason + ")");
                }
            }
        }
        if (!unruled.isEmpty()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Mask the branch's data",
                    unruled.size() + " column(s) look personal and have no masking rule: " + String.join(", ", unruled),
                    "Add a rule for each (e.g. customers.email: email), or list the ones that are not personal under "
                            + "allowUnmasked: in the masking file (or --allow-unmasked)");
        }
    }
}
