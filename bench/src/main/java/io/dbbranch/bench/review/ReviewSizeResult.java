package io.dbbranch.bench.review;

import io.dbbranch.bench.report.Samples;
import io.dbbranch.engine.review.Finding;
import io.dbbranch.engine.review.ReviewReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review's cost at one data size.
 *
 * @param targetMb             the size asked for
 * @param databaseBytes        the parent's size
 * @param rows                 rows in the parent
 * @param plain                the whole migration run without review
 * @param reviewed             the same run under review
 * @param ratio                reviewed median / plain median
 * @param overheadMs           reviewed median − plain median
 * @param overheadPerMigration {@code overheadMs} divided by the migrations applied
 * @param migrations           each migration's median time in both modes, as Flyway timed it
 * @param verdict              the review's verdict on the migrations (the last measured run)
 * @param findings             its findings, described
 */
public record ReviewSizeResult(int targetMb, long databaseBytes, long rows, Samples.Summary plain, Samples.Summary reviewed,
                               double ratio, double overheadMs, double overheadPerMigration, List<PerMigration> migrations,
                               String verdict, List<String> findings) {

    /**
     * One migration's median time without and with review.
     *
     * @param overheadMs reviewed − plain
     */
    public record PerMigration(String script, double plainMs, double reviewedMs, double overheadMs) {
    }

    static ReviewSizeResult of(int targetMb, long databaseBytes, long rows, Map<ReviewBenchmark.Mode, Samples> totals,
                               Map<ReviewBenchmark.Mode, Map<String, Samples>> perMigration, ReviewReport review) {
        Samples plain = totals.get(ReviewBenchmark.Mode.PLAIN);
        Samples reviewed = totals.get(ReviewBenchmark.Mode.REVIEWED);
        Map<String, Samples> plainByScript = perMigration.get(ReviewBenchmark.Mode.PLAIN);
        Map<String, Samples> reviewedByScript = perMigration.get(ReviewBenchmark.Mode.REVIEWED);
        List<PerMigration> migrations = new ArrayList<>();
        plainByScript.forEach((script, samples) -> {
            double withReview = reviewedByScript.get(script).median();
            migrations.add(new PerMigration(script, samples.median(), withReview, withReview - samples.median()));
        });
        double overhead = reviewed.median() - plain.median();
        return new ReviewSizeResult(targetMb, databaseBytes, rows, plain.summary(), reviewed.summary(),
                reviewed.median() / plain.median(), overhead, overhead / migrations.size(), migrations,
                review == null ? "none" : review.verdict().name(),
                review == null ? List.of() : review.findings().stream().map(Finding::describe).toList());
    }
}
