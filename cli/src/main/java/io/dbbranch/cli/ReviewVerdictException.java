package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.review.Finding;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.Verdict;
import io.dbbranch.engine.review.policy.Level;

/**
 * A migration review whose verdict stops the command: FAIL (exit {@value ExitCodes#REVIEW_FAILED}), or WARN under
 * {@code --fail-on warn} (exit {@value ExitCodes#REVIEW_WARNED}). Its message is one line; the report itself has been
 * printed or written already.
 */
final class ReviewVerdictException extends DbBranchException {
    private final int exitCode;

    private ReviewVerdictException(String message, int exitCode, Throwable cause) {
        super(ErrorCode.VERIFICATION_FAILED, message, cause);
        this.exitCode = exitCode;
    }

    /** The refusal of {@code report}; {@code asked} says what was reviewed, {@code stopped} what the refusal means. */
    static ReviewVerdictException of(ReviewReport report, String asked, String stopped) {
        long failing = report.findings().stream().filter(finding -> finding.level() == Level.FAIL).count();
        String first = report.findings().stream().filter(finding -> report.verdict() == Verdict.WARN || finding.level() == Level.FAIL)
                .findFirst().map(Finding::describe).orElse(report.failure() == null ? "" : report.failure().message());
        String happened = "the review says " + report.verdict() + " (" + report.findings().size() + " finding(s), " + failing
                + " failing" + (first.isEmpty() ? "" : "; first: " + first.lines().findFirst().orElse("")) + "), so " + stopped;
        String remedy = "Rewrite the migrations as the report says, or relax the policy for this run (--allow RULE, "
                + "--review-rule RULE=warn)";
        int exit = report.verdict() == Verdict.FAIL ? ExitCodes.REVIEW_FAILED : ExitCodes.REVIEW_WARNED;
        return new ReviewVerdictException(DbBranchException.of(ErrorCode.VERIFICATION_FAILED, asked, happened, remedy).getMessage(),
                exit, null);
    }

    /** {@code migrate-upstream}'s refusal of a rehearsal whose review says FAIL, with the engine's own message. */
    static ReviewVerdictException refusedUpstream(DbBranchException refusal) {
        return new ReviewVerdictException(refusal.getMessage(), ExitCodes.REVIEW_FAILED, refusal);
    }

    int exitCode() {
        return exitCode;
    }
}
