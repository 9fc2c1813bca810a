package io.dbbranch.cli;

import io.dbbranch.cli.options.FailOnOption;
import io.dbbranch.cli.output.Console;
import io.dbbranch.engine.migration.MigrationFailedException;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.Verdict;

/**
 * What a review's verdict does to the command that asked for it, the same for {@code review} and {@code run --review}:
 * a migration that failed is a migration failure (exit 13, as without review); a verdict that {@code --fail-on} stops
 * on ends the command (exit 16 or 17); a WARN let through is a warning.
 */
final class ReviewGate {
    private ReviewGate() {
    }

    /**
     * @param asked   what was asked, for the message ({@code Review the migrations before ./gradlew})
     * @param stopped what the refusal means ({@code ./gradlew was not run})
     * @param goingOn what happens after a WARN let through ({@code running ./gradlew anyway})
     */
    static void enforce(ReviewReport report, FailOnOption failOn, Console console, String asked, String stopped, String goingOn) {
        if (report.failure() != null) {
            throw new MigrationFailedException(report.failure().message(), null, report.migration(), report.failure().sqlState(),
                    report.failure().script());
        }
        if (failOn.stops(report.verdict())) {
            throw ReviewVerdictException.of(report, asked, stopped);
        }
        if (report.verdict() == Verdict.WARN) {
            console.warn("the review says WARN (" + report.findings().size() + " finding(s)); " + goingOn);
        }
    }
}
