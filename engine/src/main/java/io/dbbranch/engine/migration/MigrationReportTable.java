package io.dbbranch.engine.migration;

import io.dbbranch.engine.report.TextTable;
import java.time.Duration;
import java.util.List;

/** Prints a {@link MigrationReport} as plain text for a console or build log: a summary line, a table, the warnings. */
public final class MigrationReportTable {
    private MigrationReportTable() {
    }

    /**
     * For example:
     * <pre>
     * ci-42: schema version 1 → 2, 1 migration applied in 0.2 s
     * Version  Description        Script                     Checksum    Duration  Rows
     * -------  -----------------  -------------------------  ----------  --------  ----
     * 2        add entity status  V2__add_entity_status.sql  1532298541    112 ms    32
     * </pre>
     */
    public static String render(MigrationReport report) {
        StringBuilder out = new StringBuilder(summary(report)).append('\n');
        if (!report.applied().isEmpty()) {
            out.append(table(report.applied()));
        }
        for (String warning : report.warnings()) {
            out.append("warning: ").append(warning).append('\n');
        }
        return out.toString();
    }

    /** {@code ci-42: schema version 1 → 2, 1 migration applied in 0.2 s}. */
    public static String summary(MigrationReport report) {
        int count = report.applied().size();
        String versions = version(report.versionBefore()) + " → " + version(report.versionAfter());
        return report.database() + ": schema version " + versions + ", "
                + (count == 0 ? "up to date, nothing applied" : count + (count == 1 ? " migration" : " migrations") + " applied")
                + " in " + seconds(report.duration());
    }

    static String table(List<AppliedMigration> migrations) {
        TextTable table = TextTable.withHeaders("Version", "Description", "Script", "Checksum", "Duration", "Rows")
                .rightAligned("Checksum", "Duration", "Rows");
        for (AppliedMigration migration : migrations) {
            table.row(migration.displayVersion(), migration.description(), migration.script(), migration.checksum(),
                    migration.duration().toMillis() + " ms", migration.rowsAffected() == null ? "?" : migration.rowsAffected());
        }
        return table.render();
    }

    static String version(String version) {
        return version == null ? "<none>" : version;
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
