package io.dbbranch.engine.capacity;

import java.time.Instant;
import java.util.List;

/**
 * A read-only picture of one connection's slots in this process, for display (a build's status, an administrator's
 * page): who holds a slot, who waits and in which order.
 *
 * @param connection  the connection's name
 * @param maxBranches the limit the last waiter asked for (0: none)
 * @param holders     who holds a slot, oldest first
 * @param waiters     who waits, first in line first
 */
public record QueueSnapshot(String connection, int maxBranches, List<Entry> holders, List<Entry> waiters) {

    public QueueSnapshot {
        holders = List.copyOf(holders);
        waiters = List.copyOf(waiters);
    }

    /**
     * One holder or waiter.
     *
     * @param who      the holder or waiter, as it named itself
     * @param position 1 for the first in line (or the oldest holder), 2 for the next, …
     * @param since    when it took its slot, or began to wait
     */
    public record Entry(String who, int position, Instant since) {
    }
}
