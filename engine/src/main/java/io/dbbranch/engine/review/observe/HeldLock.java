package io.dbbranch.engine.review.observe;

import java.util.Objects;

/**
 * The locks a migration's session held on one relation, as sampled from {@code pg_locks}. Table locks are held to
 * the end of the transaction, so a hold time runs from the first sample that saw the mode to the last (the commit
 * follows within one interval); it is accurate to about one sampling interval.
 *
 * @param strongest       the strongest mode seen
 * @param strongestHeldMs how long the strongest mode was held
 * @param writesBlockedMs how long a mode that blocks writes (SHARE or stronger) was held, {@code 0} if none
 * @param readsBlockedMs  how long ACCESS EXCLUSIVE (which blocks reads too) was held, {@code 0} if never
 * @param statement       the statement (from 1) running when the strongest mode was first seen, {@code 0} if unknown
 */
public record HeldLock(LockMode strongest, long strongestHeldMs, long writesBlockedMs, long readsBlockedMs, int statement) {

    public HeldLock {
        Objects.requireNonNull(strongest, "strongest");
    }
}
