package io.dbbranch.engine.review;

import io.dbbranch.engine.review.observe.HeldLock;
import io.dbbranch.engine.review.observe.MigrationObservation;
import io.dbbranch.engine.review.observe.StatementTiming;
import io.dbbranch.engine.review.observe.TableState;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.Rule;
import java.util.Optional;

/**
 * What one migration did to one table that existed before it: the table as it was, as it is (absent when dropped),
 * the locks held on it, whether it was rewritten and whether the policy counts it as big.
 */
record TableFacts(MigrationObservation migration, TableState before, TableState after, HeldLock lock, boolean rewritten,
                  boolean big) {

    String name() {
        return before.qualifiedName();
    }

    /** {@code public.orders (1.0 M rows, 61 MB)}. */
    String describe() {
        return name() + " (" + HumanUnits.rows(before.rows()) + ", " + HumanUnits.bytes(before.sizeBytes()) + ")";
    }

    /** The statement that first took the strongest lock, when known. */
    Optional<StatementTiming> lockingStatement() {
        return lock == null || lock.statement() == 0 ? Optional.empty() : migration.statement(lock.statement());
    }

    /** {@code " (taken by statement 2: ALTER TABLE orders …)"}, or nothing. */
    String takenBy() {
        return lockingStatement().map(s -> " (taken by statement " + s.index() + ": " + s.sql() + ")").orElse("");
    }

    /** The time of the statement that took the lock, else the migration's. */
    long durationMs() {
        return lockingStatement().map(StatementTiming::durationMs).orElse(migration.durationMs());
    }

    /** A finding about this table with its measured numbers filled in. */
    Finding finding(Rule rule, Level level, long heldMs,
                    long durationMs, String message, String remedy) {
        return new Finding(rule, level, migration.script(), name(), lock == null ? null : lock.strongest().label(),
                lock == null ? null : heldMs, rewritten, before.sizeBytes() < 0 ? null : before.sizeBytes(), before.rows(),
                durationMs, message, remedy, Finding.LOCKING_DOCS);
    }

    RelationImpact impact() {
        return new RelationImpact(name(), before.sizeBytes() < 0 ? null : before.sizeBytes(), before.rows(),
                lock == null ? null : lock.strongest().label(), lock == null ? null : lock.strongestHeldMs(), rewritten);
    }
}
