package io.jenkins.plugins.dbbranch.review;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.actions.ReviewRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jenkins.model.Jenkins;

/**
 * Puts a migration review in front of people: the findings in the console, the Markdown, JSON and JUnit reports in the
 * workspace ({@value #FOLDER}{@code /<branch>.md|.json|.xml}), a section on the build page, a "Database migrations"
 * check where the Checks API plugin is installed, and {@code UNSTABLE} on a {@code WARN} verdict when asked. A
 * {@code FAIL} verdict is the caller's to turn into a failed step, after this has published it.
 */
public final class ReviewPublisher {
    /** The workspace folder the reports are written to. */
    public static final String FOLDER = "dbbranch-review";

    private ReviewPublisher() {
    }

    /**
     * Publishes {@code review}, made by {@code step} for {@code run}.
     *
     * @param workspace where to write the reports; {@code null} outside {@code node} (then only the page and console)
     */
    public static void publish(ReviewSummary review, ReviewRequest request, String step, Run<?, ?> run,
                               @CheckForNull FilePath workspace, TaskListener listener) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        log.println("Migration review of " + review.database() + ": " + review.headline());
        review.findings().forEach(finding -> log.println("  " + finding.getLevel().toUpperCase(java.util.Locale.ROOT) + " "
                + finding.getRule() + " — " + finding.getMessage() + (finding.getRemedy() == null ? "" : " Instead: " + finding.getRemedy())));
        String reports = workspace == null ? null : write(review, workspace, log);
        DbBranchAction.of(run).addReview(new ReviewRecord(step, review.database(), review.verdict(), review.findings(), reports));
        if (Jenkins.get().getPlugin("checks-api") != null) {
            ReviewChecks.publish(review, run, listener);
        }
        if (review.warned() && request.unstableOnWarn()) {
            log.println("Migration review says WARN: marking the build unstable (unstableOnWarn: false leaves it as it is)");
            run.setResult(Result.UNSTABLE);
        }
    }

    /** The reports' workspace path without extension, e.g. {@code dbbranch-review/ci-pr-42-7}. */
    private static String write(ReviewSummary review, FilePath workspace, PrintStream log) throws IOException, InterruptedException {
        FilePath folder = workspace.child(FOLDER);
        folder.mkdirs();
        String stem = review.database();
        folder.child(stem + ".md").write(review.markdown(), StandardCharsets.UTF_8.name());
        folder.child(stem + ".json").write(review.json(), StandardCharsets.UTF_8.name());
        folder.child(stem + ".xml").write(review.junitXml(), StandardCharsets.UTF_8.name());
        String path = FOLDER + "/" + stem;
        log.println("Migration review reports: " + path + ".md (for a pull-request comment), .json, .xml (JUnit)");
        return path;
    }
}
