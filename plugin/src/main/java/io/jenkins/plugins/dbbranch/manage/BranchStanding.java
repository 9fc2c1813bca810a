package io.jenkins.plugins.dbbranch.manage;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Labels;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.cleanup.JenkinsPullRequestLiveness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Who holds a branch and why it is still there, read from its labels and from the build they name, in the words the
 * reaper would use: a running build holds it, its build kept it on purpose, or it waits for the reaper.
 *
 * @param holder    the build in its labels ({@code shop » main #12}), {@code null} when it names none
 * @param holderUrl the build's URL relative to the root URL, {@code null} when the build is gone or not visible
 * @param reason    why the branch is still there
 * @param ours      whether this controller made it (only those may be deleted from the page)
 */
public record BranchStanding(@CheckForNull String holder, @CheckForNull String holderUrl, String reason, boolean ours) {

    private static final String REAPED_AT_NEXT_PASS = "the reaper deletes it at its next pass";

    /** Where {@code branch} stands at {@code now} for the controller {@code owner}. */
    static BranchStanding of(BranchInfo branch, String owner, Instant now) {
        Labels labels = branch.labels();
        if (labels == null) {
            return new BranchStanding(null, null, "not made by dbbranch (a parent, or made by hand): never reaped", false);
        }
        String named = labels.job() != null && labels.build() != null ? labels.job() + " #" + labels.build() : labels.job();
        if (!owner.equals(labels.owner())) {
            return new BranchStanding(named, null, "made by " + labels.owner() + ": only its owner reaps it before its expiry", false);
        }
        Instant expiresAt = branch.expiresAt() != null ? branch.expiresAt() : labels.expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return new BranchStanding(named, null, "expired " + ago(expiresAt, now) + ": " + REAPED_AT_NEXT_PASS, true);
        }
        boolean numbered = labels.job() != null && labels.build() != null && labels.build().matches("\\d{1,9}");
        Optional<Run<?, ?>> run = numbered ? build(labels.job(), Integer.parseInt(labels.build())) : Optional.empty();
        String holder = run.map(Run::getFullDisplayName).orElse(named);
        String url = run.filter(found -> found.getParent().hasPermission(Item.READ)).map(Run::getUrl).orElse(null);
        if (run.isPresent() && run.get().isBuilding()) {
            return new BranchStanding(holder, url, "in use by its running build", true);
        }
        if (labels.pullRequest() != null) {
            return new BranchStanding(holder, url, pullRequestReason(labels.pullRequest()), true);
        }
        if (!numbered) {
            return new BranchStanding(named, null, expiresAt == null ? "no expiry: a root database, kept until deleted"
                    : "made outside a build: kept until its expiry", true);
        }
        if (run.isEmpty()) {
            return new BranchStanding(named, null, "its build no longer exists: " + REAPED_AT_NEXT_PASS, true);
        }
        return new BranchStanding(holder, url, reasonOf(run.get(), branch.name()), true);
    }

    /** Why a branch kept for a pull request ({@code keep: 'whilePrOpen'}) is still there, as the reaper will judge it. */
    private static String pullRequestReason(String key) {
        Optional<Boolean> open = new JenkinsPullRequestLiveness().isOpen(key);
        if (open.isEmpty()) {
            return "kept for pull request " + key + " until its expiry";
        }
        return open.get() ? "kept while pull request " + key + " is open, at most until its expiry"
                : "its pull request " + key + " is closed (its job is gone or disabled): " + REAPED_AT_NEXT_PASS;
    }

    private static String reasonOf(Run<?, ?> build, String branch) {
        DbBranchAction action = build.getAction(DbBranchAction.class);
        Optional<BranchRecord> record = action == null ? Optional.empty()
                : action.getRecords().stream().filter(r -> r.getBranch().equals(branch)).findFirst();
        if (record.isPresent() && record.get().getStatus() == BranchRecord.Status.KEPT) {
            String detail = record.get().getDetail();
            return "kept on purpose by " + record.get().getStep() + (detail != null ? " (" + detail + ")" : "") + ", until its expiry";
        }
        if (record.isPresent() && record.get().getStatus() == BranchRecord.Status.LEFT_BEHIND) {
            return "its teardown failed (" + record.get().getDetail() + "): " + REAPED_AT_NEXT_PASS;
        }
        boolean keptSome = action != null && action.getRecords().stream().anyMatch(r -> r.getStatus() == BranchRecord.Status.KEPT);
        return keptSome ? "its build is over and kept other branches: kept until its expiry"
                : "its build is over: " + REAPED_AT_NEXT_PASS;
    }

    /** The build, looked up as the system so that a job the viewer cannot see is not mistaken for a deleted one. */
    private static Optional<Run<?, ?>> build(String job, int number) {
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> found = Jenkins.get().getItemByFullName(job, Job.class);
            return Optional.ofNullable(found == null ? null : found.getBuildByNumber(number));
        }
    }

    private static String ago(Instant then, Instant now) {
        return Util.getTimeSpanString(Duration.between(then, now).toMillis()) + " ago";
    }
}
