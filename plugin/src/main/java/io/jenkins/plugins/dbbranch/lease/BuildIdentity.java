package io.jenkins.plugins.dbbranch.lease;

import hudson.EnvVars;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.dbbranch.engine.naming.BranchName;

/**
 * Which build a branch is for, as its labels record it and as its derived name shows it.
 *
 * @param job       the job's full name, as {@code Jenkins.getItemByFullName} finds it (for the reaper's liveness check)
 * @param build     the build number
 * @param change    the pull request ({@code pr-12}) or, in a multibranch project, the branch; {@code null} otherwise
 * @param nameStem  what the derived branch name starts with: the job, or the multibranch project for branch jobs
 */
public record BuildIdentity(String job, String build, String change, String nameStem) {
    /** What a {@link #pullRequestKey()} starts with, before the job's full name. */
    public static final String PULL_REQUEST_KEY_PREFIX = "job:";

    /**
     * Reads the build and its environment: {@code CHANGE_ID} marks a pull request build, {@code BRANCH_NAME} a branch
     * job of a multibranch project, so PR validation builds get names such as {@code ci-shop-api-pr-12-42-k3x9q}
     * with no configuration.
     */
    public static BuildIdentity of(Run<?, ?> run, EnvVars environment) {
        Job<?, ?> job = run.getParent();
        String changeId = environment.get("CHANGE_ID");
        String branch = environment.get("BRANCH_NAME");
        String change = changeId != null && !changeId.isBlank() ? "pr-" + changeId.trim() : null;
        String stem = job.getFullName();
        if (branch != null && !branch.isBlank() && job.getParent() instanceof Item project) {
            stem = project.getFullName();
            change = change != null ? change : branch.trim();
        }
        return new BuildIdentity(job.getFullName(), Integer.toString(run.getNumber()), change, stem);
    }

    /**
     * The key of the pull request a {@code keep: 'whilePrOpen'} branch follows: its job, {@code job:shop/PR-42}. In a
     * multibranch project that job is the pull request's own, which the project removes or disables when the pull
     * request is closed or merged; the reaper then deletes the branch ({@code cleanup.JenkinsPullRequestLiveness}).
     */
    public String pullRequestKey() {
        return PULL_REQUEST_KEY_PREFIX + job;
    }

    /** A fresh branch name for this build: the prefix, the job (or project), the change, the build and a random suffix. */
    public String derivedName(String prefix) {
        return BranchName.derive(prefix, nameStem, change, build);
    }
}
