package io.dbbranch.engine.review.report;

import io.dbbranch.engine.review.Finding;
import io.dbbranch.engine.review.HumanUnits;
import io.dbbranch.engine.review.RelationImpact;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.ReviewedMigration;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.observe.StatementTiming;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link ReviewReport} as Markdown for a pull-request comment: the verdict line, the findings (what would happen
 * in production, and what to write instead), a table of the migrations with their times, the locks and rewrites
 * measured, and the honesty note with the lock sampling resolution. Deterministic: the same report renders the same.
 */
public final class ReviewMarkdown {
    private ReviewMarkdown() {
    }

    public static String render(ReviewReport report) {
        StringBuilder out = new StringBuilder("### Migration review: ").append(report.verdict()).append("\n\n");
        List<Finding> findings = report.findings();
        long failing = findings.stream().filter(f -> f.level() == Level.FAIL).count();
        out.append("**").append(report.verdict()).append("**: ").append(findings.isEmpty() ? "no findings"
                        : findings.size() + " finding(s), " + failing + " failing")
                .append(" in ").append(report.migrations().size()).append(" migration(s) applied to `").append(report.database())
                .append("`, a branch holding production's data.\n");
        if (report.failure() != null) {
            out.append("\n**Migration failed**").append(report.failure().script() == null ? "" : " at `" + report.failure().script() + "`")
                    .append(report.failure().sqlState() == null ? "" : " (SQLSTATE " + report.failure().sqlState() + ")").append(":\n\n```\n")
                    .append(report.failure().message().replace("```", "'''")).append("\n```\n");
        }
        if (!findings.isEmpty()) {
            out.append("\n| Level | Rule | Migration | Table | Lock | Held | What would happen in production | Instead |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (Finding finding : findings) {
                row(out, finding.level().key().toUpperCase(Locale.ROOT), "`" + finding.rule().key() + "`", finding.script(),
                        finding.relation(), finding.lockMode(), finding.heldMs() == null ? null : HumanUnits.millis(finding.heldMs()),
                        finding.message(), finding.remedy());
            }
        }
        out.append("\n| Version | Migration | Duration | Slowest statement | Rows changed | Size change | In a transaction | Findings |\n")
                .append("|---|---|---:|---|---:|---:|---|---:|\n");
        for (ReviewedMigration migration : report.migrations()) {
            row(out, migration.displayVersion(), migration.script() + (migration.failed() ? " (failed)" : ""),
                    HumanUnits.millis(migration.durationMs()), slowest(migration),
                    migration.rowsAffected() == null ? "unknown" : migration.rowsAffected().toString(),
                    migration.sizeChangeBytes() == null ? "unknown" : HumanUnits.bytesChange(migration.sizeChangeBytes()),
                    migration.transactional() ? "yes" : "no", Integer.toString(migration.findings().size()));
        }
        locks(out, report);
        out.append("\n> ").append(report.scale()).append("\n> Locks were sampled from `pg_locks` every ")
                .append(report.lockSampleIntervalMs()).append(" ms, so hold times are accurate to about ")
                .append(report.lockSampleIntervalMs()).append(" ms; which statement takes which lock, and what each mode blocks: ")
                .append("[PostgreSQL, Explicit Locking](").append(Finding.LOCKING_DOCS).append(").\n");
        if (!report.notes().isEmpty()) {
            out.append("\nNotes:\n");
            report.notes().forEach(note -> out.append("- ").append(cell(note)).append('\n'));
        }
        out.append("\n<sub>Policy: ").append(report.policy().entrySet().stream()
                .map(e -> "`" + e.getKey() + ": " + e.getValue() + "`").collect(Collectors.joining(", "))).append("</sub>\n");
        return out.toString();
    }

    /** {@code 2.4 s: `UPDATE orders SET …`}, shortened for a table cell. */
    private static String slowest(ReviewedMigration migration) {
        return migration.statements().stream().max(Comparator.comparingLong(StatementTiming::durationMs))
                .map(s -> HumanUnits.millis(s.durationMs()) + ": `" + (s.sql().length() > 60 ? s.sql().substring(0, 59) + "…" : s.sql())
                        .replace("`", "'") + "`")
                .orElse("");
    }

    private static void locks(StringBuilder out, ReviewReport report) {
        if (report.migrations().stream().allMatch(m -> m.relations().isEmpty())) {
            return;
        }
        out.append("\n<details><summary>Locks and rewrites measured</summary>\n\n")
                .append("| Migration | Table | Size | Rows | Strongest lock | Held | Rewritten |\n")
                .append("|---|---|---:|---:|---|---:|---|\n");
        for (ReviewedMigration migration : report.migrations()) {
            for (RelationImpact impact : migration.relations()) {
                row(out, migration.script(), impact.relation(), impact.sizeBytes() == null ? "unknown" : HumanUnits.bytes(impact.sizeBytes()),
                        impact.rows() == null ? "unknown" : HumanUnits.rows(impact.rows()), impact.lockMode(),
                        impact.heldMs() == null ? null : HumanUnits.millis(impact.heldMs()), impact.rewritten() ? "yes" : "no");
            }
        }
        out.append("\n</details>\n");
    }

    private static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell(cell)).append(" |");
        }
        out.append('\n');
    }

    /** One table cell: no line breaks, pipes escaped. */
    private static String cell(String text) {
        return text == null ? "" : text.replaceAll("\\R", " ").replace("|", "\\|");
    }
}
