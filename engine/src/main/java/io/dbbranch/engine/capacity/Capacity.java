package io.dbbranch.engine.capacity;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.time.Duration;
import java.util.Objects;

/**
 * How many branches an owner may have alive on one connection, and how long a lease waits for a slot.
 *
 * @param connection  the connection's name, for progress lines and messages ("waiting for a branch slot on
 *                    lakebase-prod"); blank: the provider's kind is used
 * @param maxBranches at most this many branches of this owner alive at once on the connection; 0 for no limit of
 *                    ours (the service's own quota still applies, and is waited on)
 * @param maxWait     how long a lease waits for a slot (in the queue, and on the service's quota refusals) before it
 *                    fails with {@code TIMEOUT}; {@link Duration#ZERO} fails at once
 */
public record Capacity(String connection, int maxBranches, Duration maxWait) {
    /** The default wait: 10 minutes. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    public Capacity {
        connection = connection == null ? "" : connection.trim();
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxBranches < 0) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Limit live branches to " + maxBranches,
                    "the limit cannot be negative", "Give a number of branches, or 0 for no limit");
        }
        if (maxWait.isNegative()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Wait " + maxWait + " for a branch slot",
                    "the wait cannot be negative", "Give a duration such as 10m, or 0 to fail at once");
        }
    }

    /** No limit of ours; the service's quota refusals are waited on for {@link #DEFAULT_WAIT}. */
    public static Capacity unlimited() {
        return new Capacity("", 0, DEFAULT_WAIT);
    }

    /** Whether a limit of ours applies. */
    public boolean limited() {
        return maxBranches > 0;
    }

    /** The connection's name, or {@code fallback} (the provider's kind) when none was given. */
    public String connectionOr(String fallback) {
        return connection.isEmpty() ? fallback : connection;
    }
}
