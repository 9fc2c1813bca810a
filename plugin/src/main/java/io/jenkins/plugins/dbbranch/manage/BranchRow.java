package io.jenkins.plugins.dbbranch.manage;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.dbbranch.engine.spi.BranchInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * One line of the Database branches page: a branch as its provider lists it, with its age, its expiry and where it
 * stands. Times are text relative to when the page was made, with the instants for tooltips.
 *
 * @param name      the branch name
 * @param parent    the branch it was made from, when the provider says
 * @param state     the provider's state ({@code READY}, {@code CREATING}, …)
 * @param pr        the pull request in its labels, {@code null} for none
 * @param createdAt when it was made, {@code null} when unknown
 * @param age       how long ago it was made ({@code 3 hr 20 min}), empty when unknown
 * @param expiresAt when it expires, {@code null} for never
 * @param expiry    when it expires relative to now ({@code in 45 min}, {@code 2 min ago}, {@code never})
 * @param standing  who holds it and why it is kept
 */
public record BranchRow(String name, @CheckForNull String parent, String state, @CheckForNull String pr,
                        @CheckForNull Instant createdAt, String age, @CheckForNull Instant expiresAt, String expiry,
                        BranchStanding standing) {

    static BranchRow of(BranchInfo branch, String owner, Instant now) {
        Instant created = branch.createdAt() != null ? branch.createdAt() : branch.labels() != null ? branch.labels().createdAt() : null;
        Instant expires = branch.expiresAt() != null ? branch.expiresAt() : branch.labels() != null ? branch.labels().expiresAt() : null;
        String age = created == null ? "" : span(created, now);
        String expiry = expires == null ? "never" : expires.isAfter(now) ? "in " + span(now, expires) : span(expires, now) + " ago";
        return new BranchRow(branch.name(), branch.parent(), branch.state().name(), branch.labels() != null ? branch.labels().pr() : null,
                created, age, expires, expiry, BranchStanding.of(branch, owner, now));
    }

    /** What the delete button asks before it posts. */
    public String deleteQuestion() {
        String holder = standing.holder() != null ? " It belongs to " + standing.holder() + "." : "";
        String running = standing.reason().startsWith("in use") ? " That build is still running and will lose its database." : "";
        return "Delete branch " + name + " and everything in it?" + holder + running;
    }

    private static String span(Instant from, Instant to) {
        return Util.getTimeSpanString(Math.max(0, Duration.between(from, to).toMillis()));
    }
}
