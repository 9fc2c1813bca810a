package io.dbbranch.engine.review;

import io.dbbranch.engine.review.observe.LockMode;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The rules read from the locks and the storage of one table: {@code rewrite}, {@code exclusiveLock}, {@code writeLock}. */
final class LockChecks {
    private final ReviewPolicy policy;

    LockChecks(ReviewPolicy policy) {
        this.policy = policy;
    }

    /** A big table whose storage was replaced: every row was copied under ACCESS EXCLUSIVE. */
    Optional<Finding> rewrite(TableFacts table) {
        Level level = policy.level(Rule.REWRITE);
        if (level == Level.OFF || !table.rewritten() || !table.big()) {
            return Optional.empty();
        }
        long held = table.lock() == null ? table.migration().durationMs() : table.lock().readsBlockedMs();
        String message = table.describe() + " rewritten under ACCESS EXCLUSIVE for " + HumanUnits.millis(held) + table.takenBy()
                + ": " + LockMode.ACCESS_EXCLUSIVE.consequence(table.name()) + " that long";
        return Optional.of(table.finding(Rule.REWRITE, level, held, table.durationMs(), message, rewriteRemedy(table)));
    }

    /** ACCESS EXCLUSIVE held longer than the threshold on any table that existed before: reads and writes wait. */
    Optional<Finding> exclusiveLock(TableFacts table) {
        if (table.lock() == null || !exceeds(Rule.EXCLUSIVE_LOCK, table.lock().readsBlockedMs())) {
            return Optional.empty();
        }
        long held = table.lock().readsBlockedMs();
        String message = table.describe() + " locked in ACCESS EXCLUSIVE mode for " + HumanUnits.millis(held) + table.takenBy()
                + ": " + LockMode.ACCESS_EXCLUSIVE.consequence(table.name()) + " that long";
        return Optional.of(table.finding(Rule.EXCLUSIVE_LOCK, policy.level(Rule.EXCLUSIVE_LOCK), held, table.durationMs(), message,
                "Keep ACCESS EXCLUSIVE to one quick statement: move backfills and other slow work out of the DDL's "
                        + "transaction (batches, or a later migration), and keep lock_timeout set so the DDL gives up "
                        + "instead of queueing every query behind it"));
    }

    /** SHARE to EXCLUSIVE held longer than the threshold: writes wait, reads go on. */
    Optional<Finding> writeLock(TableFacts table) {
        if (table.lock() == null || !table.lock().strongest().blocksWrites()
                || !exceeds(Rule.WRITE_LOCK, table.lock().writesBlockedMs())) {
            return Optional.empty();
        }
        long held = table.lock().writesBlockedMs();
        LockMode mode = table.lock().strongest();
        String message = table.describe() + " locked in " + mode.label() + " mode for " + HumanUnits.millis(held) + table.takenBy()
                + ": " + LockMode.SHARE.consequence(table.name()) + " that long";
        return Optional.of(table.finding(Rule.WRITE_LOCK, policy.level(Rule.WRITE_LOCK), held, table.durationMs(), message,
                "Take the lock last and keep its transaction short: create triggers and constraints after the slow "
                        + "work or in a migration of their own; an explicit LOCK TABLE holds its mode to the end of the "
                        + "transaction"));
    }

    private boolean exceeds(Rule rule, long heldMs) {
        Level level = policy.level(rule);
        Duration threshold = policy.setting(rule).threshold();
        return level != Level.OFF && heldMs > 0 && heldMs > threshold.toMillis();
    }

    /** The safer way, chosen from the statement that took the lock where it is known. */
    private static String rewriteRemedy(TableFacts table) {
        String sql = table.lockingStatement().map(s -> s.sql().toUpperCase(Locale.ROOT)).orElse("");
        if (sql.contains(" TYPE ")) {
            return "Change a type without rewriting: add a column of the new type, backfill it in batches, switch the "
                    + "code over, then drop the old column (only a few changes, such as varchar(n) to text or a larger n, "
                    + "are free)";
        }
        if (sql.contains("DEFAULT")) {
            return "Add the column without a default (instant), SET DEFAULT for new rows (instant), then backfill the "
                    + "existing rows in batches: ADD COLUMN … DEFAULT <constant> does not rewrite on PostgreSQL 11+, a "
                    + "volatile default (random(), clock_timestamp(), gen_random_uuid()) does";
        }
        if (sql.contains("VACUUM FULL") || sql.contains("CLUSTER")) {
            return "Rebuild with pg_repack or pg_squeeze, which hold ACCESS EXCLUSIVE only for a moment";
        }
        return "Avoid rewriting a big table in a migration: add new columns rather than change existing ones, and "
                + "backfill in batches outside the DDL's transaction";
    }
}
