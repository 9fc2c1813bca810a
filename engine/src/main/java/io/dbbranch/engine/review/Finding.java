package io.dbbranch.engine.review;

import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.Rule;
import java.util.Comparator;
import java.util.Objects;

/**
 * One rule a migration broke, with the measured numbers behind it. The message says what production would
 * live through ("orders (1.0 M rows, 61 MB) rewritten under ACCESS EXCLUSIVE for 2.4 s: reads and writes to
 * orders would wait that long"); the remedy how to write it instead.
 *
 * @param rule       the rule ({@code rewrite}, {@code exclusiveLock}, …)
 * @param level      {@code fail} or {@code warn} (rules at {@code off} raise nothing)
 * @param script     the migration that did it ({@code V7__orders_amount_bigint.sql})
 * @param relation   the table concerned, schema-qualified ({@code public.orders}); {@code null} for a whole-migration
 *                   finding ({@code slowMigration})
 * @param lockMode   the strongest lock mode the migration held on it ({@code ACCESS EXCLUSIVE}), {@code null} when
 *                   none was seen
 * @param heldMs     how long that lock was held (first seen → released at commit), to the sampling resolution;
 *                   {@code null} when no lock was seen
 * @param rewritten  whether the table was rewritten (its {@code relfilenode} changed)
 * @param sizeBytes  the table's size before the migration ({@code pg_total_relation_size}), {@code null} if unknown
 * @param rows       the planner's row estimate before the migration ({@code reltuples}), {@code null} if unknown
 * @param durationMs the time of the statement (or, when it cannot be told apart, the migration) that did it
 * @param message    what would happen in production, in plain words with the measured numbers
 * @param remedy     the safer way to write it
 * @param reference  the PostgreSQL documentation that says which lock the statement takes
 */
public record Finding(Rule rule, Level level, String script, String relation, String lockMode, Long heldMs, boolean rewritten,
                      Long sizeBytes, Long rows, Long durationMs, String message, String remedy, String reference) {

    /** The lock table every lock finding cites. */
    public static final String LOCKING_DOCS = "https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES";

    /** Reports list findings by script, then relation, then rule: the same findings always print the same. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::script)
            .thenComparing(Finding::relation, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::rule);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(message, "message");
        if (level == Level.OFF) {
            throw new IllegalArgumentException("a rule that is off raises no finding");
        }
    }

    /** One line for logs and messages: {@code fail rewrite in V7__orders_amount_bigint.sql: public.orders (…) rewritten …}. */
    public String describe() {
        return level.key() + " " + rule.key() + " in " + script + ": " + message;
    }
}
