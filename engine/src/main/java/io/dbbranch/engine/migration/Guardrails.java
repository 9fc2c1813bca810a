package io.dbbranch.engine.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * Session limits for every connection a migration opens, so that a migration which would hold up production
 * fails loudly on the branch instead.
 *
 * <p>Defaults, and why:
 * <ul>
 *   <li>{@code lock_timeout} 10 s. A DDL statement that waits for a lock also blocks every later query on that
 *       table behind it (PostgreSQL's lock queue), so waiting is itself an outage. Ten seconds is longer than
 *       any healthy OLTP transaction holds a row or table lock, and short enough that callers only see a blip.
 *       A migration that cannot get its lock within that should fail and be retried or rewritten
 *       (e.g. {@code CREATE INDEX CONCURRENTLY}), not queue traffic up for minutes.</li>
 *   <li>{@code statement_timeout} 15 min. One statement that runs longer than that on production-shaped data
 *       (a table rewrite, a backfill in one {@code UPDATE}, a non-concurrent index build) holds its locks for
 *       as long: on the branch it is caught before it reaches production. Fifteen minutes leaves room for
 *       large, legitimate one-off statements; lower it for latency-sensitive databases.</li>
 * </ul>
 * A zero duration turns the limit off (PostgreSQL's {@code 0}).
 *
 * @param lockTimeout      the longest a statement waits for a lock
 * @param statementTimeout the longest a statement runs
 */
public record Guardrails(Duration lockTimeout, Duration statementTimeout) {
    /** 10 s / 15 min: see the class comment. */
    public static final Guardrails DEFAULT = new Guardrails(Duration.ofSeconds(10), Duration.ofMinutes(15));
    /** No limits at all; for tests and deliberate maintenance windows only. */
    public static final Guardrails NONE = new Guardrails(Duration.ZERO, Duration.ZERO);

    public Guardrails {
        requireNonNegative(Objects.requireNonNull(lockTimeout, "lockTimeout"), "lockTimeout");
        requireNonNegative(Objects.requireNonNull(statementTimeout, "statementTimeout"), "statementTimeout");
    }

    /**
     * The limits as PostgreSQL's startup {@code options} ({@code -c lock_timeout=10000ms -c statement_timeout=900000ms}),
     * which pgjdbc sends when the session starts: they then hold for every connection Flyway opens, which its
     * deprecated {@code initSql} and its after-connect callback (main connection only) do not guarantee.
     * Transaction poolers drop startup options, but migrations must not run through one anyway (they need session
     * locks and DDL on one connection).
     */
    public String startupOptions() {
        return "-c lock_timeout=" + lockTimeout.toMillis() + "ms -c statement_timeout=" + statementTimeout.toMillis() + "ms";
    }

    /** {@code lock_timeout=10s, statement_timeout=15m} for messages. */
    public String describe() {
        return "lock_timeout=" + human(lockTimeout) + ", statement_timeout=" + human(statementTimeout);
    }

    private static String human(Duration duration) {
        if (duration.isZero()) {
            return "off";
        }
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static void requireNonNegative(Duration duration, String name) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}
