package io.jenkins.plugins.dbbranch.review;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;

/**
 * The review as a check named {@value #NAME} (GitHub checks, GitLab statuses, … through the Checks API plugin). Only
 * loaded when that optional plugin is installed: {@link ReviewPublisher} asks first, so nothing breaks without it.
 */
final class ReviewChecks {
    static final String NAME = "Database migrations";

    private ReviewChecks() {
    }

    static void publish(ReviewSummary review, Run<?, ?> run, TaskListener listener) {
        ChecksConclusion conclusion = review.failed() ? ChecksConclusion.FAILURE
                : review.warned() ? ChecksConclusion.NEUTRAL : ChecksConclusion.SUCCESS;
        ChecksDetails details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(NAME)
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(conclusion)
                .withOutput(new ChecksOutput.ChecksOutputBuilder()
                        .withTitle("Migration review: " + review.headline())
                        .withSummary(review.markdown())
                        .build())
                .build();
        ChecksPublisherFactory.fromRun(run, listener).publish(details);
    }
}
