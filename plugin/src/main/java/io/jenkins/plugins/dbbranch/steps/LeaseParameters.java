package io.jenkins.plugins.dbbranch.steps;

import io.jenkins.plugins.dbbranch.data.DataRequest;
import io.jenkins.plugins.dbbranch.lease.BranchRequest;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;

/**
 * The lease parameters as {@code withDbBranch} and the freestyle wrapper both take them, read by the one core
 * ({@link #request()}). Java gives a {@code Step} and a {@code BuildWrapper} no common superclass we own, and the
 * Pipeline syntax, saved jobs and JCasC want the parameters flat on each, so each declares the fields; this interface
 * makes the compiler hold the two to the same set, one form ({@code lease-fields.jelly} next to this interface) shows
 * them, one set of help files ({@code WithDbBranchStep}'s, which the wrapper redirects to) explains them, and
 * {@link LeaseForm} checks them.
 */
public interface LeaseParameters {
    String getConnection();
    String getParent();
    String getName();
    /** With a fixed {@link #getName()}: {@code fail} (default), {@code reuse}, {@code reset} or {@code recreate}. */
    String getOnExists();
    String getTtl();
    String getKeep();
    String getEnvPrefix();
    boolean isMigrate();
    String getLocations();
    String getVerify();
    String getExpect();
    boolean isReview();
    String getReviewPolicy();
    /** Whether a WARN review marks the build unstable; default {@code true}. */
    boolean isUnstableOnWarn();
    /** {@code full} (default), {@code schema-only} or {@code masked}. */
    String getData();
    /** The masking rules' file, relative to the workspace. */
    String getMasking();
    /** Tables a schema-only branch keeps the rows of, comma separated. */
    String getKeepData();
    /** Personal-looking columns a masked branch may leave as they are, comma separated. */
    String getAllowUnmasked();

    /** The parameters as the shared core takes them. */
    default BranchRequest request() {
        return new BranchRequest(getConnection(), getParent(), getName(), getTtl(), getKeep(), getEnvPrefix(), isMigrate(),
                getLocations(), getVerify(), getExpect())
                .withReview(new ReviewRequest(isReview(), getReviewPolicy(), isUnstableOnWarn()))
                .withData(new DataRequest(getData(), getMasking(), getKeepData(), getAllowUnmasked()))
                .withOnExists(getOnExists());
    }
}
