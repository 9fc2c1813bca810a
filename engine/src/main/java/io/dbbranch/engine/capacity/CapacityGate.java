package io.dbbranch.engine.capacity;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.spi.SharedSlots;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets one more branch of an owner onto a connection, or makes it wait its turn. A lease passes three gates, all
 * within one deadline ({@link Capacity#maxWait()}):
 *
 * <ol>
 *   <li><b>this process</b>: a fair first-come queue per connection ({@link BranchSlots});</li>
 *   <li><b>other processes</b> (only with {@link Capacity#maxBranches()}): one of the server's shared slots where it
 *       has them ({@link BranchProvider#sharedSlots()}: PostgreSQL advisory locks, held for the lease's life and
 *       released by a dying process), else until fewer than {@code maxBranches} of the owner's branches are alive
 *       (Lakebase, Neon: a count, so two processes may pass together; the service's quota is the hard limit);</li>
 *   <li><b>the service</b>: a create that the service refuses for its quota ({@link ErrorCode#QUOTA_EXCEEDED}) is not a
 *       failure: this owner's expired branches are reclaimed (oldest first), and the create is tried again until the
 *       deadline.</li>
 * </ol>
 *
 * Waiting is reported as "waiting for a branch slot on lakebase-prod: 3 builds ahead", when the situation changes
 * and at most every 30 s otherwise. An interrupted or cancelled waiter leaves at once and holds nothing.
 */
public final class CapacityGate {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(300);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(3);
    private static final Duration RECLAIM_EVERY = Duration.ofMinutes(1);

    /** Deletes the owner's expired branches, oldest first, and says how many went (the engine's {@code Reaper}). */
    @FunctionalInterface
    public interface Reclaimer {
        Reclaimer NONE = progress -> 0;

        int reclaimExpired(Progress progress);
    }

    private final BranchProvider provider;
    private final Capacity capacity;
    private final String owner;
    private final Reclaimer reclaimer;
    private final Progress progress;
    private final String connection;

    public CapacityGate(BranchProvider provider, Capacity capacity, String owner, Reclaimer reclaimer, Progress progress) {
        this.provider = provider;
        this.capacity = capacity;
        this.owner = owner;
        this.reclaimer = reclaimer;
        this.progress = progress;
        this.connection = capacity.connectionOr(provider.kind());
    }

    /**
     * Waits through the first two gates and returns the place won; create the branch with {@link Admission#create},
     * and close the admission when the branch is gone (or was never made).
     *
     * @param waiter          who waits, as others see it (a build, a branch name)
     * @param outlivesProcess the branch stays after this process ends ({@code dbbranch create}): the other processes
     *                        are counted, never a shared slot that this process's end would release
     * @throws DbBranchException {@code TIMEOUT} naming the live branches and whose they are, {@code INTERRUPTED}
     */
    public Admission admit(String waiter, boolean outlivesProcess, Cancellation cancellation) {
        long deadline = System.nanoTime() + capacity.maxWait().toNanos();
        if (!capacity.limited()) {
            return new Admission(this, null, null, deadline, cancellation);
        }
        BranchSlot local;
        try {
            local = BranchSlots.forConnection(connection).acquire(waiter, capacity.maxBranches(), remaining(deadline),
                    progress, cancellation);
        } catch (DbBranchException e) {
            throw e.code() == ErrorCode.TIMEOUT ? timedOut(waiter, "waiting in line in this process", e) : e;
        }
        try {
            Optional<SharedSlots> shared = outlivesProcess ? Optional.empty() : provider.sharedSlots();
            SharedSlots.Held held = shared.isPresent() ? sharedSlot(shared.get(), waiter, deadline, cancellation)
                    : awaitFewerAlive(waiter, deadline, cancellation);
            return new Admission(this, local, held, deadline, cancellation);
        } catch (RuntimeException | Error e) {
            local.close();
            throw e;
        }
    }

    private SharedSlots.Held sharedSlot(SharedSlots slots, String waiter, long deadline, Cancellation cancellation) {
        WaitReport report = new WaitReport(progress, connection);
        for (int round = 0; ; round++) {
            Optional<SharedSlots.Held> held = slots.tryTake(owner, capacity.maxBranches());
            if (held.isPresent()) {
                report.done();
                return held.get();
            }
            report.waiting("all " + capacity.maxBranches() + " slots of " + owner + " are held by other processes");
            pauseBefore(deadline, round, waiter, "all slots held by other processes", null, cancellation);
        }
    }

    /** Without shared slots: waits until the owner has fewer live branches than the limit; holds nothing. */
    private SharedSlots.Held awaitFewerAlive(String waiter, long deadline, Cancellation cancellation) {
        WaitReport report = new WaitReport(progress, connection);
        for (int round = 0; ; round++) {
            List<BranchInfo> ours = LiveBranches.of(provider).of(owner);
            if (ours.size() < capacity.maxBranches()) {
                report.done();
                return null;
            }
            report.waiting(ours.size() + " of " + capacity.maxBranches() + " branches of " + owner + " alive ("
                    + LiveBranches.names(ours) + ")");
            pauseBefore(deadline, round, waiter, ours.size() + " branches of " + owner + " alive", null, cancellation);
        }
    }

    /** The third gate: creates, and waits while the service refuses for its quota. */
    BranchInfo create(Supplier<BranchInfo> create, String waiter, long deadline, Cancellation cancellation) {
        WaitReport report = new WaitReport(progress, connection);
        long lastReclaim = 0;
        for (int round = 0; ; round++) {
            try {
                BranchInfo made = create.get();
                report.done();
                return made;
            } catch (DbBranchException e) {
                if (e.code() != ErrorCode.QUOTA_EXCEEDED) {
                    throw e;
                }
                if (lastReclaim == 0 || System.nanoTime() - lastReclaim > RECLAIM_EVERY.toNanos()) {
                    lastReclaim = System.nanoTime();
                    if (reclaim(e) > 0) {
                        continue;
                    }
                }
                if (capacity.maxWait().isZero()) {
                    throw e;
                }
                report.waiting("the service refuses more branches (" + e.getMessage() + ")");
                pauseBefore(deadline, round, waiter, "the service refused more branches", e, cancellation);
            }
        }
    }

    private int reclaim(DbBranchException refusal) {
        try {
            return reclaimer.reclaimExpired(progress);
        } catch (RuntimeException e) {
            refusal.addSuppressed(e);
            progress.report("could not reclaim expired branches of " + owner + " on " + connection + ": " + e.getMessage());
            return 0;
        }
    }

    /** Sleeps a growing, jittered while (never past the deadline), watching for cancellation; throws at the deadline. */
    private void pauseBefore(long deadline, int round, String waiter, String why, Throwable cause, Cancellation cancellation) {
        long pause = Math.min(LONGEST_PAUSE.toNanos(), FIRST_PAUSE.toNanos() << Math.min(round, 10));
        pause = (long) (pause * (0.8 + 0.4 * Math.random()));
        long until = Math.min(deadline, System.nanoTime() + pause);
        try {
            while (System.nanoTime() < until) {
                if (cancellation.isCancelled()) {
                    throw interrupted(waiter, "the build was cancelled");
                }
                Thread.sleep(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(waiter, "interrupted");
        }
        if (System.nanoTime() >= deadline) {
            throw timedOut(waiter, why, cause);
        }
    }

    private DbBranchException interrupted(String waiter, String why) {
        return DbBranchException.of(ErrorCode.INTERRUPTED, "Wait for a branch slot on " + connection + " for " + waiter,
                why + " while waiting; nothing was made", null);
    }

    private DbBranchException timedOut(String waiter, String why, Throwable cause) {
        String limit = capacity.limited() ? "at most " + capacity.maxBranches() + " live branches of " + owner
                : "the service's limit of live branches";
        String alive;
        try {
            alive = LiveBranches.of(provider).describe();
        } catch (RuntimeException e) {
            alive = "the live branches could not be listed (" + e.getMessage() + ")";
        }
        return DbBranchException.of(ErrorCode.TIMEOUT, "Lease a branch on " + connection + " for " + waiter + " (" + limit + ")",
                "no branch slot came free in " + DurationText.format(capacity.maxWait()) + " (" + why + "); " + alive,
                "Wait longer (--wait), allow more branches (--max-branches, the connection's maxBranches, or the service's "
                        + "plan), or delete branches nobody needs (dbbranch list; dbbranch delete NAME; dbbranch reap "
                        + "deletes expired ones)", cause);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    String connection() {
        return connection;
    }
}
