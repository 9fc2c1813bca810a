package io.dbbranch.engine.review.observe;

/** Accumulates the samples of one relation's locks: when each mode was first and last seen. Not thread-safe. */
final class LockTrace {
    private final long[] firstSeen = new long[LockMode.values().length];
    private final long[] lastSeen = new long[LockMode.values().length];
    private final int[] statementAtFirst = new int[LockMode.values().length];
    private final boolean[] seen = new boolean[LockMode.values().length];

    void record(LockMode mode, long nanos, int statement) {
        int i = mode.ordinal();
        if (!seen[i]) {
            seen[i] = true;
            firstSeen[i] = nanos;
            statementAtFirst[i] = statement;
        }
        lastSeen[i] = nanos;
    }

    HeldLock summary() {
        LockMode strongest = null;
        for (LockMode mode : LockMode.values()) {
            if (seen[mode.ordinal()]) {
                strongest = mode;
            }
        }
        return new HeldLock(strongest, heldMs(strongest), heldMs(LockMode.SHARE), heldMs(LockMode.ACCESS_EXCLUSIVE),
                statementAtFirst[strongest.ordinal()]);
    }

    /** From the first sample of {@code atLeast} or a stronger mode to the last. */
    private long heldMs(LockMode atLeast) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = atLeast.ordinal(); i < seen.length; i++) {
            if (seen[i]) {
                first = Math.min(first, firstSeen[i]);
                last = Math.max(last, lastSeen[i]);
            }
        }
        return first == Long.MAX_VALUE ? 0 : (last - first) / 1_000_000;
    }
}
