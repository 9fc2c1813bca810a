package io.dbbranch.engine.migration;

import io.dbbranch.engine.diff.SchemaChange;
import io.dbbranch.engine.report.TextTable;
import java.util.stream.Collectors;

/** Prints an {@link UpstreamReport} as plain text, step by step, for a console or build log. */
public final class UpstreamReportText {
    private UpstreamReportText() {
    }

    /**
     * For example:
     * <pre>
     * migrateUpstream main: MIGRATED in 2.4 s
     * pending: V2__add_entity_status.sql, V3__backfill_reviewed_at.sql
     * rehearsal on rehearse-main-k3x9q: schema version 1 → 3, 2 migrations applied in 0.3 s
     * review of the rehearsal: PASS, 0 finding(s)
     * schema changes: 4, none destructive
     * restore point: dbbranch-migrate-main-20260301T101500Z at 2026-03-01T10:15:00.123Z (LSN 0/3000060, named in the WAL)
     * main: schema version 1 → 3, 2 migrations applied in 0.2 s
     * Version  Description  …
     * </pre>
     */
    public static String render(UpstreamReport report) {
        StringBuilder out = new StringBuilder("migrateUpstream ").append(report.parent()).append(report.dryRun() ? " (dry run)" : "")
                .append(": ").append(report.outcome()).append(" in ").append(MigrationReportTable.seconds(report.duration()))
                .append('\n');
        if (report.divergence() != null) {
            out.append("diverged at version ").append(report.divergence().version()).append(": ")
                    .append(report.divergence().reason()).append('\n');
        }
        out.append("pending: ").append(report.pending().isEmpty() ? "nothing"
                : report.pending().stream().map(ScriptMigration::script).collect(Collectors.joining(", "))).append('\n');
        if (report.outcome() == UpstreamReport.Outcome.REHEARSAL_FAILED) {
            int applied = report.rehearsal() == null ? 0 : report.rehearsal().applied().size();
            out.append("rehearsal on ").append(report.rehearsalBranch()).append(": FAILED after ").append(applied)
                    .append(" migration(s) applied; ").append(report.parent()).append(" was not touched\n");
        } else if (report.rehearsal() != null) {
            out.append("rehearsal on ").append(MigrationReportTable.summary(report.rehearsal())).append('\n');
        }
        if (report.review() != null) {
            out.append("review of the rehearsal: ").append(report.review().verdict()).append(", ")
                    .append(report.review().findings().size()).append(" finding(s)\n");
            report.review().findings().forEach(finding -> out.append("  ").append(finding.describe()).append('\n'));
        }
        if (report.schemaChanges() != null) {
            long destructive = report.schemaChanges().destructiveCount();
            out.append("schema changes: ").append(report.schemaChanges().changes().size())
                    .append(destructive == 0 ? ", none destructive" : ", " + destructive + " DESTRUCTIVE").append('\n');
            TextTable table = TextTable.withHeaders("", "Change", "Object", "Why destructive");
            report.schemaChanges().changes().stream().filter(SchemaChange::destructive)
                    .forEach(change -> table.row("!", change.label(), change.name(), change.reason()));
            out.append(table.isEmpty() ? "" : table.render());
        }
        if (report.restorePoint() != null) {
            out.append("restore point: ").append(report.restorePoint()).append('\n');
        }
        if (report.migration() != null) {
            out.append(MigrationReportTable.render(report.migration()));
        }
        report.warnings().forEach(warning -> out.append("warning: ").append(warning).append('\n'));
        return out.toString();
    }
}
