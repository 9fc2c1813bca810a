package io.jenkins.plugins.dbbranch.review;

import hudson.Util;
import java.io.Serializable;

/**
 * Whether and how a step reviews the migrations it applies (see {@code docs/review.md}): the policy file in the
 * workspace, and what a {@code WARN} verdict does to the build. Holds no secret, so Pipeline may persist it.
 */
public final class ReviewRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No review. */
    public static final ReviewRequest NONE = new ReviewRequest(false, null, true);

    // A class, not a record: Pipeline persists it with JBoss Marshalling, which cannot rebuild records.
    private final boolean enabled;
    private final String policy;
    private final boolean unstableOnWarn;

    /**
     * @param enabled        whether to review
     * @param policy         the policy file, relative to the workspace; {@code null} for {@code .dbbranch/review-policy}
     *                       when it exists, else the defaults
     * @param unstableOnWarn whether a {@code WARN} verdict marks the build unstable
     */
    public ReviewRequest(boolean enabled, String policy, boolean unstableOnWarn) {
        this.enabled = enabled;
        this.policy = Util.fixEmptyAndTrim(policy);
        this.unstableOnWarn = unstableOnWarn;
    }

    public boolean enabled() { return enabled; }
    public String policy() { return policy; }
    public boolean unstableOnWarn() { return unstableOnWarn; }
}
