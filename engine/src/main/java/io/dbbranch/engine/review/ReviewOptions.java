package io.dbbranch.engine.review;

import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How to review a migration run.
 *
 * @param policy             the rules; default {@link ReviewPolicy#defaults()}
 * @param observer           the login the observer reads the catalog and {@code pg_locks} with, on the same
 *                           database as the branch; {@code null} (the default) for a second session as the branch's
 *                           own role, which needs no privilege at all (every catalog the review reads is readable by
 *                           any role). An admin login works too: the observer pins {@code search_path} and reads
 *                           catalogs only.
 * @param lockSampleInterval how often {@code pg_locks} is sampled; default {@value #DEFAULT_SAMPLE_MS} ms, from 1 ms to
 *                           1 s. Lock hold times are accurate to about one interval.
 */
public record ReviewOptions(ReviewPolicy policy, MigrationTarget observer, Duration lockSampleInterval) {
    public static final long DEFAULT_SAMPLE_MS = 10;

    public ReviewOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(lockSampleInterval, "lockSampleInterval");
        if (lockSampleInterval.toMillis() < 1 || lockSampleInterval.toMillis() > 1000) {
            throw new IllegalArgumentException("lockSampleInterval must be from 1 ms to 1 s: " + lockSampleInterval);
        }
    }

    /** The default policy, the branch's own login as observer, a sample every {@value #DEFAULT_SAMPLE_MS} ms. */
    public static ReviewOptions defaults() {
        return new ReviewOptions(ReviewPolicy.defaults(), null, Duration.ofMillis(DEFAULT_SAMPLE_MS));
    }

    public ReviewOptions withPolicy(ReviewPolicy value) {
        return new ReviewOptions(value, observer, lockSampleInterval);
    }

    public ReviewOptions withObserver(MigrationTarget value) {
        return new ReviewOptions(policy, value, lockSampleInterval);
    }

    public ReviewOptions withLockSampleInterval(Duration value) {
        return new ReviewOptions(policy, observer, value);
    }
}
