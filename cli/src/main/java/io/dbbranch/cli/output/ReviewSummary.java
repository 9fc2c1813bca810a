package io.dbbranch.cli.output;

import io.dbbranch.engine.review.Finding;
import io.dbbranch.engine.review.ReviewReport;
import java.util.ArrayList;
import java.util.List;

/** A review in a few lines for stderr, where a command's own output owns stdout ({@code run --review}). */
public final class ReviewSummary {
    private ReviewSummary() {
    }

    /** {@code review of ci-…: FAIL, 1 finding(s)}, then each finding and what to write instead. */
    public static List<String> lines(ReviewReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("review of " + report.database() + ": " + report.verdict() + ", " + report.findings().size() + " finding(s)");
        for (Finding finding : report.findings()) {
            lines.add("  " + finding.describe());
            lines.add("    instead: " + finding.remedy());
        }
        report.notes().forEach(note -> lines.add("  note: " + note));
        return lines;
    }
}
