package io.dbbranch.engine.capacity;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's branch slots in this process: a fair first-come queue in front of at most {@code maxBranches}
 * holders. A waiter that is interrupted, cancelled or out of time leaves the queue at once and never holds a slot.
 *
 * <pre>{@code
 * BranchSlots slots = BranchSlots.forConnection("lakebase-prod");
 * try (BranchSlot slot = slots.acquire("job/app #12", 2, Duration.ofMinutes(10), listener::report, build::isAborted)) {
 *     ... // at most 2 holders at once; the others wait in order, told "3 builds ahead"
 * }
 * QueueSnapshot queue = slots.snapshot(); // for display: holders and waiters, in order, since when
 * }</pre>
 *
 * This queue knows this process only; {@link CapacityGate} adds the limit across processes (the server's shared
 * slots, or the owner's live branches) and the service's quota refusals.
 */
public final class BranchSlots {
    private static final ConcurrentMap<String, BranchSlots> BY_CONNECTION = new ConcurrentHashMap<>();
    /** How often a waiter looks at its {@link Cancellation} between wake-ups. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final List<Ticket> waiting = new ArrayList<>();
    private final Map<Ticket, Instant> holding = new LinkedHashMap<>();
    private volatile int lastLimit;

    /** A queue of its own (front ends share one per connection through {@link #forConnection}). */
    public BranchSlots(String connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The one queue of this process for {@code connection} (by name). */
    public static BranchSlots forConnection(String connection) {
        return BY_CONNECTION.computeIfAbsent(connection, BranchSlots::new);
    }

    /** The queues of this process that have been used, for a page that shows them all. */
    public static List<QueueSnapshot> snapshots() {
        return BY_CONNECTION.values().stream().map(BranchSlots::snapshot).toList();
    }

    public String connection() {
        return connection;
    }

    /**
     * Waits in line for one of {@code maxBranches} slots and returns it; the caller closes it when its branch is gone.
     * Progress hears "waiting for a branch slot on {connection}: 3 builds ahead" when the line moves, and at most every
     * 30 s otherwise.
     *
     * @param waiter       who waits, as shown to others (a build's name and number)
     * @param maxBranches  the number of slots; 0 or less: no limit (returns at once)
     * @param timeout      how long to wait at most
     * @param cancellation asked every 200 ms: a cancelled waiter leaves the queue (as an interrupted one does)
     * @throws DbBranchException {@code TIMEOUT} when no slot came free in time (naming who holds them),
     *                           {@code INTERRUPTED} when interrupted (the interrupt flag is set again) or cancelled
     */
    public BranchSlot acquire(String waiter, int maxBranches, Duration timeout, Progress progress, Cancellation cancellation) {
        Ticket ticket = new Ticket(waiter, Instant.now(), maxBranches);
        lastLimit = maxBranches;
        WaitReport report = new WaitReport(progress, connection);
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            waiting.add(ticket);
            admitFromTheHead();
            while (true) {
                if (holding.containsKey(ticket)) {
                    report.done();
                    return new Held(ticket);
                }
                if (cancellation.isCancelled()) {
                    throw leave(ticket, interrupted(waiter, "the build was cancelled"));
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw leave(ticket, timedOut(waiter, maxBranches, timeout));
                }
                int ahead = waiting.indexOf(ticket);
                report.waiting(ahead == 0 ? "next in line (" + taken(maxBranches) + ")"
                        : ahead + (ahead == 1 ? " build" : " builds") + " ahead (" + taken(maxBranches) + ")");
                changed.awaitNanos(Math.min(remaining, POLL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw leave(ticket, interrupted(waiter, "interrupted"));
        } finally {
            lock.unlock();
        }
    }

    /** Who holds a slot and who waits, in order, now. */
    public QueueSnapshot snapshot() {
        lock.lock();
        try {
            List<QueueSnapshot.Entry> holders = new ArrayList<>();
            holding.forEach((ticket, since) -> holders.add(new QueueSnapshot.Entry(ticket.who, holders.size() + 1, since)));
            List<QueueSnapshot.Entry> waiters = new ArrayList<>();
            for (Ticket ticket : waiting) {
                waiters.add(new QueueSnapshot.Entry(ticket.who, waiters.size() + 1, ticket.since));
            }
            return new QueueSnapshot(connection, lastLimit, holders, waiters);
        } finally {
            lock.unlock();
        }
    }

    private String taken(int maxBranches) {
        return holding.size() + " of " + maxBranches + " slots taken";
    }

    /**
     * Gives free slots to the waiters at the head of the line, in order, under the lock that freed them. A slot is
     * handed over, not left for the next poll: otherwise a waiter further back could wake first and see a free slot
     * that is already promised to the one ahead of it.
     */
    private void admitFromTheHead() {
        boolean admitted = false;
        while (!waiting.isEmpty()) {
            Ticket head = waiting.get(0);
            if (head.maxBranches > 0 && holding.size() >= head.maxBranches) {
                break;
            }
            holding.put(waiting.remove(0), Instant.now());
            admitted = true;
        }
        if (admitted) {
            changed.signalAll();
        }
    }

    /**
     * Takes a waiter that gives up out of the line, or gives back the slot it was handed while it was giving up, so that
     * it never holds one; the one behind it may be admitted now.
     */
    private DbBranchException leave(Ticket ticket, DbBranchException why) {
        waiting.remove(ticket);
        holding.remove(ticket);
        admitFromTheHead();
        changed.signalAll();
        return why;
    }

    private DbBranchException timedOut(String waiter, int maxBranches, Duration timeout) {
        List<String> holders = new ArrayList<>();
        holding.forEach((ticket, since) -> holders.add(ticket.who + " (since " + since + ")"));
        return DbBranchException.of(ErrorCode.TIMEOUT, "Wait for a branch slot on " + connection + " for " + waiter,
                "none of its " + maxBranches + " slots came free in " + DurationText.format(timeout) + "; they are held by "
                        + String.join(", ", holders) + (waiting.size() > 1 ? "; " + (waiting.size() - 1) + " more wait" : ""),
                "Wait longer, allow more branches on " + connection + ", or stop builds that hold a slot and are not needed");
    }

    private DbBranchException interrupted(String waiter, String why) {
        return DbBranchException.of(ErrorCode.INTERRUPTED, "Wait for a branch slot on " + connection + " for " + waiter,
                why + " while waiting; it left the queue", null);
    }

    private void release(Ticket ticket) {
        lock.lock();
        try {
            if (holding.remove(ticket) != null) {
                admitFromTheHead();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One acquire call: identity matters (two builds may share a name), not equality. */
    private static final class Ticket {
        final String who;
        final Instant since;
        final int maxBranches;

        Ticket(String who, Instant since, int maxBranches) {
            this.who = who;
            this.since = since;
            this.maxBranches = maxBranches;
        }
    }

    private final class Held implements BranchSlot {
        private final Ticket ticket;
        private final Instant since = Instant.now();

        Held(Ticket ticket) {
            this.ticket = ticket;
        }

        @Override
        public String holder() {
            return ticket.who;
        }

        @Override
        public Instant since() {
            return since;
        }

        @Override
        public void close() {
            release(ticket);
        }
    }
}
