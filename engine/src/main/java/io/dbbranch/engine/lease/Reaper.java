package io.dbbranch.engine.lease;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Finds orphaned branches and deletes them. A branch is deleted only when its labels say it is ours (same
 * owner) and either its expiry has passed or its owner says the build that made it is over. Branches
 * without labels, or of another owner, are never touched — unless {@code expiredOfAnyOwner} is set, and then
 * only once their expiry has passed.
 *
 * <p>A branch kept for a pull request ({@link KeepPolicy#WHILE_PR_OPEN}: its labels carry
 * {@link Labels#pullRequest()}) outlives the build that made it: it is deleted when {@link PullRequestLiveness} says
 * that pull request is closed (or merged), or when its expiry has passed; the build's liveness does not count for it.
 */
public final class Reaper {

    /** Tells whether the build recorded in a branch's labels is still running; empty when unknown. */
    @FunctionalInterface
    public interface BuildLiveness {
        /** Nobody can tell: only expiry counts. */
        BuildLiveness UNKNOWN = labels -> Optional.empty();

        Optional<Boolean> isRunning(Labels labels);
    }

    /**
     * Tells whether a pull request is still open, by the key a lease recorded in its branch's labels
     * ({@link LeaseSpec#pullRequest()}); empty when unknown, and the branch then lives until its expiry.
     */
    @FunctionalInterface
    public interface PullRequestLiveness {
        /** Nobody can tell: kept branches of pull requests live until their expiry. */
        PullRequestLiveness UNKNOWN = key -> Optional.empty();

        /** {@code true} while open, {@code false} once closed or merged, empty when unknown. */
        Optional<Boolean> isOpen(String key);

        /** Closed for the given keys, unknown for every other: how a script names the pull requests it knows are closed. */
        static PullRequestLiveness closed(Collection<String> keys) {
            Set<String> closed = Set.copyOf(keys);
            return key -> closed.contains(key) ? Optional.of(false) : Optional.empty();
        }
    }

    private final BranchProvider provider;
    private final String owner;
    private final BuildLiveness liveness;
    private final PullRequestLiveness pullRequests;
    private final Clock clock;

    /** A reaper that cannot tell whether pull requests are open: their kept branches go at their expiry. */
    public Reaper(BranchProvider provider, String owner, BuildLiveness liveness, Clock clock) {
        this(provider, owner, liveness, PullRequestLiveness.UNKNOWN, clock);
    }

    public Reaper(BranchProvider provider, String owner, BuildLiveness liveness, PullRequestLiveness pullRequests, Clock clock) {
        this.provider = provider;
        this.owner = owner;
        this.liveness = liveness;
        this.pullRequests = pullRequests;
        this.clock = clock;
    }

    /**
     * One pass over the branches whose names start with {@code namePrefix}.
     *
     * @param dryRun            list what would be deleted without deleting
     * @param expiredOfAnyOwner also delete expired branches of other owners (never live ones)
     */
    public ReapReport reap(String namePrefix, boolean dryRun, boolean expiredOfAnyOwner, Progress progress) {
        Instant now = clock.instant();
        List<ReapReport.Entry> deleted = new ArrayList<>();
        List<ReapReport.Entry> skipped = new ArrayList<>();
        List<ReapReport.Entry> failures = new ArrayList<>();
        for (BranchInfo branch : oldestFirst(provider.listBranches(namePrefix))) {
            Verdict verdict = judge(branch, now, expiredOfAnyOwner);
            String reason = verdict.reason();
            if (!verdict.stale()) {
                skipped.add(new ReapReport.Entry(branch.name(), reason));
                continue;
            }
            if (!dryRun) {
                try {
                    provider.deleteBranch(branch);
                    progress.report("reaped branch " + branch.name() + ": " + reason);
                } catch (RuntimeException e) {
                    failures.add(new ReapReport.Entry(branch.name(), e.getMessage()));
                    progress.report("could not reap branch " + branch.name() + ": " + e.getMessage());
                    continue;
                }
            }
            deleted.add(new ReapReport.Entry(branch.name(), reason));
        }
        return new ReapReport(dryRun, deleted, skipped, failures);
    }

    /** Oldest first, so that a pass cut short (or a lease waiting for a slot) frees the longest-dead branches first. */
    private static List<BranchInfo> oldestFirst(List<BranchInfo> branches) {
        return branches.stream().sorted(Comparator.comparing(
                (BranchInfo branch) -> branch.labels() == null ? null : branch.labels().createdAt(),
                Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    private record Verdict(boolean stale, String reason) {
        static Verdict keep(String reason) {
            return new Verdict(false, reason);
        }

        static Verdict delete(String reason) {
            return new Verdict(true, reason);
        }
    }

    /** Whether a branch should go, and why. */
    private Verdict judge(BranchInfo branch, Instant now, boolean expiredOfAnyOwner) {
        Labels labels = branch.labels();
        if (labels == null) {
            return Verdict.keep("no dbbranch labels (not made by dbbranch)");
        }
        boolean ours = owner.equals(labels.owner());
        boolean expired = labels.isExpiredAt(now) || branch.expiresAt() != null && !branch.expiresAt().isAfter(now);
        if (!ours && !(expiredOfAnyOwner && expired)) {
            return Verdict.keep("owned by " + labels.owner());
        }
        if (expired) {
            return Verdict.delete("expired at " + (labels.expiresAt() != null ? labels.expiresAt() : branch.expiresAt()));
        }
        if (ours && labels.pullRequest() != null) {
            Optional<Boolean> open = pullRequests.isOpen(labels.pullRequest());
            return open.isPresent() && !open.get()
                    ? Verdict.delete("its pull request " + labels.pullRequest() + " is closed")
                    : Verdict.keep("kept while pull request " + labels.pullRequest() + " is open, at most until " + labels.expiresAt());
        }
        Optional<Boolean> running = ours ? liveness.isRunning(labels) : Optional.empty();
        if (running.isPresent() && !running.get()) {
            return Verdict.delete("its build " + labels.job() + " #" + labels.build() + " is over");
        }
        return Verdict.keep(labels.expiresAt() == null ? "no expiry (a root database)" : "live until " + labels.expiresAt());
    }
}
