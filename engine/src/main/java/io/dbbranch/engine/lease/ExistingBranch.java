package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first step of a lease of a fixed name: create the branch, or do with the one of that name what
 * {@link LeaseSpec#onExists()} says. Only a branch whose labels name the spec's owner is reused, reset or recreated (and,
 * for {@link OnExists#REUSE}, only one of the same parent and pull request); anything else of that name is refused by
 * name and never touched.
 *
 * <p><b>Two leases of one name at once.</b> The provider's create is the arbiter: whoever loses it gets
 * {@code ALREADY_EXISTS} and takes the winner's branch as it is (it holds the parent's current state, which is what
 * {@code reset} and {@code recreate} want too), waiting while the winner still makes it; so one branch is made, never
 * two, and the loser never deletes what the winner just made. A winner that fails deletes its branch; the loser then
 * creates it itself. All of this is bounded by the spec's ready timeout.
 */
public final class ExistingBranch {
    private static final Duration PAUSE = Duration.ofMillis(200);

    /** How the lease got its branch. */
    public enum Origin {
        /** Made now; no branch of that name existed. */
        CREATED,
        /** An existing branch, leased as it was. */
        REUSED,
        /** An existing branch, reset in place to the parent's current state (the provider's native reset). */
        RESET,
        /** An existing branch deleted and made again (also how {@code reset} works where there is no native reset). */
        RECREATED;

        /** Whether this lease made the branch: a failure before it is ready then deletes it, and the data policy applies. */
        public boolean madeNow() {
            return this == CREATED || this == RECREATED;
        }
    }

    /** The branch and how it came to be the lease's. */
    public record Opened(BranchInfo branch, Origin origin) {
        public Opened {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private final BranchProvider provider;
    private final LeaseSpec spec;
    private final Progress progress;

    public ExistingBranch(BranchProvider provider, LeaseSpec spec, Progress progress) {
        this.provider = provider;
        this.spec = spec;
        this.progress = progress;
    }

    /**
     * Opens {@code request.name()} as {@link LeaseSpec#onExists()} says.
     *
     * @param create makes the branch (the provider's create, with whatever clean-up the caller wraps around it)
     * @throws DbBranchException {@code ALREADY_EXISTS} for {@link OnExists#FAIL} when the name is taken (naming the branch,
     *                           its owner, age and expiry, and the choices), and for any choice when the branch of that
     *                           name is not ours; {@code TIMEOUT} when another lease keeps making it past the ready timeout
     */
    public Opened open(CreateBranchRequest request, Supplier<BranchInfo> create) {
        String name = request.name();
        OnExists choice = spec.onExists();
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        while (true) {
            Optional<BranchInfo> found = choice == OnExists.FAIL ? Optional.empty() : provider.findBranch(name);
            if (found.isEmpty()) {
                try {
                    return new Opened(create.get(), Origin.CREATED);
                } catch (DbBranchException e) {
                    if (e.code() != ErrorCode.ALREADY_EXISTS) {
                        throw e;
                    }
                    if (choice == OnExists.FAIL) {
                        throw refusal(name, e);
                    }
                    // Another lease made it between our look and our create: take its branch as it is.
                    progress.report("branch " + name + " was made by another lease meanwhile; using it as it is");
                    choice = OnExists.REUSE;
                    pause(name, deadline);
                    continue;
                }
            }
            BranchInfo branch = found.get();
            requireOurs(branch, choice);
            boolean unsettled = branch.state() == BranchState.CREATING || branch.state() == BranchState.BUSY;
            if (unsettled && branch.labels().isExpiredAt(Instant.now())) {
                // Half made by a lease that died (its dead-man's switch ran out): nobody is making it, so make it anew.
                progress.report("branch " + name + " was left half made by a lease that stopped; deleting it");
                choice = OnExists.RECREATE;
            } else if (unsettled) {
                progress.report("branch " + name + " is still being made or changed (" + branch.state() + "); waiting");
                pause(name, deadline);
                continue;
            }
            switch (choice) {
                case REUSE -> {
                    return new Opened(extended(branch, "reusing"), Origin.REUSED);
                }
                case RESET -> {
                    if (resetsInPlace()) {
                        progress.report("resetting branch " + name + " in place to the current state of " + spec.parent());
                        BranchInfo reset = provider.resetFromParent(branch, spec.parent(), spec.readyTimeout(), progress);
                        return new Opened(extended(reset, "reset"), Origin.RESET);
                    }
                    progress.report("resetting branch " + name + " to the current state of " + spec.parent()
                            + " by deleting it and branching again");
                }
                case RECREATE -> progress.report("deleting branch " + name + " to branch " + spec.parent() + " again");
                default -> throw new IllegalStateException("unexpected " + choice);
            }
            provider.deleteBranch(branch);
            try {
                return new Opened(create.get(), Origin.RECREATED);
            } catch (DbBranchException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS) {
                    throw e;
                }
                progress.report("branch " + name + " was made again by another lease meanwhile; using it as it is");
                choice = OnExists.REUSE;
                pause(name, deadline);
            }
        }
    }

    /** A native reset, where the provider has one and nothing asks for more than the parent's head with all its data. */
    private boolean resetsInPlace() {
        return provider.resetsFromParent() && spec.data().isFull() && !spec.from().isHistorical();
    }

    /** Pushes the expiry of a branch taken over one window ahead, as a new lease's branch would have. */
    private BranchInfo extended(BranchInfo branch, String verb) {
        Instant expiresAt = Instant.now().plus(spec.expiryWindow());
        provider.extendExpiry(branch, expiresAt);
        String pullRequest = branch.labels() == null ? null : branch.labels().pullRequest();
        progress.report(verb + " branch " + branch.name() + " of " + branch.parent() + ", made " + describe(branch.createdAt())
                + (pullRequest == null ? "" : " for pull request " + pullRequest));
        if (spec.pullRequest() != null && pullRequest == null) {
            progress.report("branch " + branch.name() + " carries no pull request label (it was made without one): "
                    + "the reaper keeps it until its expiry, not until pull request " + spec.pullRequest() + " closes");
        }
        return branch.withExpiresAt(expiresAt);
    }

    /** Refuses to touch a branch whose labels do not show it is this owner's, or (to reuse it) of this parent and PR. */
    private void requireOurs(BranchInfo branch, OnExists choice) {
        Labels labels = branch.labels();
        String asked = "Lease branch " + branch.name() + " of " + spec.parent() + " (on exists: " + choice.symbol() + ")";
        if (labels == null || !spec.owner().equals(labels.owner())) {
            throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a branch of that name exists and " + whose(labels)
                    + "; it was left alone", "Use another name: dbbranch reuses, resets or recreates only branches it made for "
                    + spec.owner());
        }
        if (choice != OnExists.REUSE) {
            return;
        }
        if (branch.parent() != null && !branch.parent().equals(spec.parent())) {
            throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "it is a branch of " + branch.parent() + ", not of "
                    + spec.parent(), "Reset or recreate it (on exists: reset, recreate) to branch " + spec.parent()
                    + ", or use another name");
        }
        if (spec.pullRequest() != null && labels.pullRequest() != null && !labels.pullRequest().equals(spec.pullRequest())) {
            throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "it belongs to pull request " + labels.pullRequest()
                    + ", not " + spec.pullRequest() + "; it was left alone", "Use a name of this pull request's own");
        }
    }

    /**
     * The {@link OnExists#FAIL} answer to a taken name: the branch there, its owner, age and expiry, and what to do.
     */
    private DbBranchException refusal(String name, DbBranchException cause) {
        String asked = "Lease branch " + name + " of " + spec.parent();
        Optional<BranchInfo> found;
        try {
            found = provider.findBranch(name);
        } catch (RuntimeException lookup) {
            cause.addSuppressed(lookup);
            found = Optional.empty();
        }
        Labels labels = found.map(BranchInfo::labels).orElse(null);
        if (found.isEmpty() || labels == null || !spec.owner().equals(labels.owner())) {
            return DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a branch (or role) of that name exists already and "
                    + (found.isEmpty() ? "could not be described" : whose(labels)), "Use another name", cause);
        }
        BranchInfo branch = found.get();
        String build = labels.job() == null ? "" : " (job " + labels.job() + (labels.build() == null ? "" : ", build "
                + labels.build()) + ")";
        return DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a branch of that name exists already: made "
                        + describe(branch.createdAt() != null ? branch.createdAt() : labels.createdAt()) + " by " + labels.owner()
                        + build + (labels.pullRequest() == null ? "" : " for pull request " + labels.pullRequest())
                        + ", " + (branch.expiresAt() == null ? "with no expiry"
                        : "expiring at " + branch.expiresAt().truncatedTo(ChronoUnit.SECONDS)),
                "Say what to do with it: on exists reuse (lease it as it is, with its data), reset (back to the current "
                        + "state of " + spec.parent() + ") or recreate (delete it and branch again) — --on-exists on the "
                        + "command line, onExists in Jenkins — or use another name", cause);
    }

    private static String whose(Labels labels) {
        return labels == null ? "carries no dbbranch labels (dbbranch did not make it)" : "belongs to " + labels.owner();
    }

    private static String describe(Instant created) {
        if (created == null) {
            return "at an unknown time";
        }
        Duration age = Duration.between(created, Instant.now());
        return (age.isNegative() ? "just now" : DurationText.format(age.truncatedTo(ChronoUnit.SECONDS)) + " ago")
                + " (" + created.truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    private void pause(String name, long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw DbBranchException.of(ErrorCode.TIMEOUT, "Lease branch " + name + " of " + spec.parent(),
                    "another lease kept making or changing it for longer than the ready timeout ("
                            + DurationText.format(spec.readyTimeout()) + ")", "Try again, or raise the ready timeout");
        }
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, "Lease branch " + name + ": interrupted while waiting for "
                    + "another lease to finish making it", e);
        }
    }
}
