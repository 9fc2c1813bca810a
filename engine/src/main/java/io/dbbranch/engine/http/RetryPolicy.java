package io.dbbranch.engine.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * When a failed call is tried again: on the HTTP statuses in {@code retryStatuses} (honouring {@code Retry-After})
 * and on transport failures, at most {@code maxAttempts} times in all and never past {@code maxElapsed} since the
 * first attempt. Without {@code Retry-After} the wait is exponential with "full jitter": a random delay in
 * {@code [initialDelay/2, min(maxDelay, initialDelay * 2^(retry-1))]}, so many clients that failed together do not
 * come back together.
 *
 * @param maxAttempts   attempts in all, including the first (1 = no retry)
 * @param maxElapsed    the total time budget: a retry whose wait would end past it is not made
 * @param initialDelay  the first backoff
 * @param maxDelay      the longest single backoff, and the longest {@code Retry-After} honoured
 * @param retryStatuses the HTTP statuses worth retrying (429 and 503 by default; Neon adds 423)
 */
public record RetryPolicy(int maxAttempts, Duration maxElapsed, Duration initialDelay, Duration maxDelay,
                          Set<Integer> retryStatuses) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
        retryStatuses = Set.copyOf(retryStatuses);
    }

    /** 6 attempts within 2 minutes, backoff from 500 ms up to 20 s, retrying 429 and 503. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(20), Set.of(429, 503));
    }

    /** No retry at all. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Set.of());
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, maxElapsed, initialDelay, maxDelay, retryStatuses);
    }

    public RetryPolicy withMaxElapsed(Duration elapsed) {
        return new RetryPolicy(maxAttempts, elapsed, initialDelay, maxDelay, retryStatuses);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, maxElapsed, initial, max, retryStatuses);
    }

    /** This policy, also retrying {@code status} (e.g. Neon's 423 Locked). */
    public RetryPolicy withRetryStatus(int status) {
        Set<Integer> statuses = new TreeSet<>(retryStatuses);
        statuses.add(status);
        return new RetryPolicy(maxAttempts, maxElapsed, initialDelay, maxDelay, statuses);
    }

    public boolean retriesStatus(int status) {
        return retryStatuses.contains(status);
    }

    /**
     * The backoff before retry number {@code retry} (1 for the first retry) when the server did not say.
     * Always within {@code [initialDelay/2, maxDelay]}.
     */
    public Duration backoff(int retry, RandomGenerator random) {
        long initial = initialDelay.toMillis();
        long ceiling = initial << Math.min(Math.max(retry - 1, 0), 30);
        ceiling = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, maxDelay.toMillis());
        long floor = Math.min(initial / 2, ceiling);
        return Duration.ofMillis(floor == ceiling ? floor : floor + random.nextLong(ceiling - floor + 1));
    }

    /**
     * How long to wait before the next attempt, or empty to give up.
     *
     * @param attemptsMade attempts made so far (1 after the first failure)
     * @param elapsed      time since the first attempt started
     * @param retryAfter   the server's {@code Retry-After}, if it sent one: then never retry sooner than that, and
     *                     give up if it is longer than {@code maxDelay} or ends past {@code maxElapsed}
     * @param random       the jitter source
     */
    public Optional<Duration> nextWait(int attemptsMade, Duration elapsed, Optional<Duration> retryAfter,
                                       RandomGenerator random) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = retryAfter.orElseGet(() -> backoff(attemptsMade, random));
        if (wait.compareTo(maxDelay) > 0 || elapsed.plus(wait).compareTo(maxElapsed) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
