package io.jenkins.plugins.dbbranch.actions;

import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.data.BranchDataResult.TableOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What was done to one branch's data before the build could log in (schema-only or masked), as its build page shows
 * it: the policy, per table what happened and to how many rows, each masked column with its strategy, the time. Made
 * from the engine's {@link BranchDataResult}, which names tables, columns and strategies and counts rows: never a
 * value of the database. Immutable; a plain class (not a record) for XStream.
 */
@ExportedBean(defaultVisibility = 2)
public final class DataRecord {
    private final String step;
    private final String branch;
    private final String policy;
    private final String method;
    private final long millis;
    private final String summary;
    private final ArrayList<TableRow> tables;
    private final ArrayList<String> warnings;

    private DataRecord(String step, String branch, BranchDataResult result) {
        this.step = step;
        this.branch = branch;
        this.policy = result.policy().text();
        this.method = result.method();
        this.millis = result.elapsed().toMillis();
        this.summary = result.summary();
        this.tables = new ArrayList<>(result.tables().stream().map(TableRow::new).toList());
        this.warnings = new ArrayList<>(result.warnings());
    }

    /**
     * @param step   what made the branch: {@code withDbBranch} or {@code wrapper}
     * @param branch the branch's name
     */
    public static DataRecord of(String step, String branch, BranchDataResult result) {
        return new DataRecord(step, branch, result);
    }

    @Exported public String getStep() { return step; }
    @Exported public String getBranch() { return branch; }
    /** {@code schema-only} or {@code masked}. */
    @Exported public String getPolicy() { return policy; }
    /** {@code native} (the provider made a schema-only branch), {@code truncate} or {@code mask}. */
    @Exported public String getMethod() { return method; }
    /** How long the data step took, login included. */
    @Exported public long getMillis() { return millis; }
    /** {@link #getMillis()} for people: {@code 6.02 s}. */
    public String getTook() { return String.format(Locale.ROOT, "%.2f s", millis / 1000.0); }
    /** Whether any column was masked (the page shows the columns then). */
    public boolean isMasking() { return tables.stream().anyMatch(table -> !table.columns.isEmpty()); }
    /** One line, e.g. {@code masked: 2 tables, 6 columns, 320 rows in 0.41 s}. */
    @Exported public String getSummary() { return summary; }
    @Exported public List<TableRow> getTables() { return List.copyOf(tables); }
    /** What could not be done and is worth knowing (statistics the role may not recompute, …). */
    @Exported public List<String> getWarnings() { return List.copyOf(warnings); }

    /** One table: emptied, kept or masked, with its row count and its masked columns. */
    @ExportedBean(defaultVisibility = 3)
    public static final class TableRow {
        private final String table;
        private final String action;
        private final long rows;
        private final ArrayList<MaskedColumn> columns;

        TableRow(TableOutcome outcome) {
            this.table = outcome.table();
            this.action = outcome.action().name().toLowerCase(Locale.ROOT);
            this.rows = outcome.rows();
            this.columns = new ArrayList<>(outcome.columns().stream().map(MaskedColumn::parse).toList());
        }

        /** {@code schema.table}. */
        @Exported public String getTable() { return table; }
        /** {@code masked}, {@code emptied} or {@code kept}. */
        @Exported public String getAction() { return action; }
        /** Rows masked or kept; 0 for an emptied table. */
        @Exported public long getRows() { return rows; }
        @Exported public List<MaskedColumn> getColumns() { return List.copyOf(columns); }
    }

    /** A masked column and the rule's strategy ({@code partial 4}): words of the masking file, not of the database. */
    @ExportedBean(defaultVisibility = 4)
    public static final class MaskedColumn {
        private final String column;
        private final String strategy;

        MaskedColumn(String column, String strategy) {
            this.column = column;
            this.strategy = strategy;
        }

        /** Reads the engine's {@code column: strategy}. */
        static MaskedColumn parse(String text) {
            int colon = text.indexOf(": ");
            return colon < 0 ? new MaskedColumn(text, "") : new MaskedColumn(text.substring(0, colon), text.substring(colon + 2));
        }

        @Exported public String getColumn() { return column; }
        @Exported public String getStrategy() { return strategy; }
    }
}
