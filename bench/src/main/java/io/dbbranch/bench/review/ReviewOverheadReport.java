package io.dbbranch.bench.review;

import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import java.util.List;

/** The review benchmark's tables, goals and JSON results. */
final class ReviewOverheadReport {
    /** The goal per size: the review may add 5 % to a migration run, or 100 ms per migration, whichever is more. */
    static final double MAX_RATIO = 1.05;
    static final double MAX_MS_PER_MIGRATION = 100;

    private ReviewOverheadReport() {
    }

    static void describe(Report report, List<ReviewSizeResult> results) {
        report.heading("Whole migration run (medians)");
        report.paragraph("The shop schema's five migrations are on the parent already (Flyway finds them applied); "
                + "each run applies the six benchmark migrations (`bench/src/main/resources/io/dbbranch/bench/"
                + "review-migrations`). Each run migrates a fresh branch of the same parent as the branch's own role; "
                + "plain and reviewed runs alternate, and which goes first alternates per round.");
        MarkdownTable totals = new MarkdownTable("Size", "Rows", "Plain", "Reviewed", "Ratio", "Added", "Added per migration",
                "Verdict");
        for (ReviewSizeResult size : results) {
            totals.row(Figures.megabytes(size.databaseBytes()), size.rows(), Figures.millis(size.plain().medianMs()),
                    Figures.millis(size.reviewed().medianMs()), Figures.ratio(size.ratio()), Figures.millis(size.overheadMs()),
                    Figures.millis(size.overheadPerMigration()), size.verdict());
            boolean met = size.ratio() <= MAX_RATIO || size.overheadPerMigration() <= MAX_MS_PER_MIGRATION;
            report.goal(new Goal("review adds ≤ 5 % or ≤ 100 ms per migration at " + size.targetMb() + " MB",
                    Figures.ratio(size.ratio()) + ", " + Figures.millis(size.overheadPerMigration()) + " per migration", met));
        }
        report.table(totals);
        for (ReviewSizeResult size : results) {
            report.heading("Per migration at " + size.targetMb() + " MB (Flyway's own times, medians)");
            MarkdownTable table = new MarkdownTable("Migration", "Plain", "Reviewed", "Added");
            size.migrations().forEach(m -> table.row(m.script(), Figures.millis(m.plainMs()), Figures.millis(m.reviewedMs()),
                    Figures.millis(m.overheadMs())));
            report.table(table);
            report.paragraph("The review's findings (" + size.verdict() + "):\n\n" + (size.findings().isEmpty() ? "- none"
                    : String.join("\n", size.findings().stream().map(f -> "- " + f).toList())));
        }
        report.paragraph("Flyway's per-migration times leave out what the review does between migrations (its catalog "
                + "reads before and after each one); the whole-run figures include everything, the observer's "
                + "connections and lock-sampling thread too.");
        report.result("sizes", results);
    }
}
