package io.dbbranch.engine.review;

import io.dbbranch.engine.review.observe.ConstraintState;
import io.dbbranch.engine.review.observe.LockMode;
import io.dbbranch.engine.review.observe.MigrationObservation;
import io.dbbranch.engine.review.observe.StatementTiming;
import io.dbbranch.engine.review.observe.TableState;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules read from what a migration added to a big table: {@code blockingIndex} (an index built without
 * {@code CONCURRENTLY}) and {@code validationUnderLock} (a foreign key or CHECK validated, or NOT NULL checked, while
 * the lock of the statement that added it was held).
 */
final class SchemaChecks {
    private final ReviewPolicy policy;

    SchemaChecks(ReviewPolicy policy) {
        this.policy = policy;
    }

    /**
     * Indexes that are new on the table (by name: a rewrite rebuilds indexes under new oids). Inside a transaction an
     * index cannot be built concurrently; outside one, a build that blocked writes showed a SHARE (or stronger) lock.
     */
    List<Finding> blockingIndexes(TableFacts table) {
        Level level = policy.level(Rule.BLOCKING_INDEX);
        MigrationObservation migration = table.migration();
        if (level == Level.OFF || !table.big() || table.after() == null || migration.after() == null) {
            return List.of();
        }
        boolean blocking = migration.transactional() || table.lock() != null && table.lock().strongest().blocksWrites();
        if (!blocking) {
            return List.of();
        }
        List<String> before = migration.before().indexesOf(table.before().oid());
        List<Finding> findings = new ArrayList<>();
        for (String index : migration.after().indexesOf(table.after().oid())) {
            if (!before.contains(index)) {
                LockMode mode = table.lock() == null ? LockMode.SHARE : table.lock().strongest();
                long held = table.lock() == null ? migration.durationMs() : table.lock().writesBlockedMs();
                String message = "index " + index + " built on " + table.describe() + " without CONCURRENTLY: " + mode.label()
                        + " lock held for " + HumanUnits.millis(held) + ", " + mode.consequence(table.name()) + " that long";
                findings.add(table.finding(Rule.BLOCKING_INDEX, level, held, statementTime(migration, index), message,
                        "CREATE INDEX CONCURRENTLY " + index + " … in a migration of its own (Flyway runs it outside a "
                                + "transaction): it takes SHARE UPDATE EXCLUSIVE, which lets reads and writes through. For a "
                                + "UNIQUE or PRIMARY KEY constraint, build the unique index concurrently, then ADD CONSTRAINT "
                                + "… USING INDEX"));
            }
        }
        return findings;
    }

    /**
     * Foreign keys and CHECKs that are new and already valid, and columns that became NOT NULL without a valid
     * {@code CHECK (column IS NOT NULL)} to prove it (PostgreSQL 12+ skips the scan with one). A constraint that
     * existed {@code NOT VALID} and was validated took only SHARE UPDATE EXCLUSIVE: not reported.
     *
     * @param alsoExplained receives the tables a reported foreign key references: their lock is explained too
     */
    List<Finding> validations(TableFacts table, Set<String> alsoExplained) {
        Level level = policy.level(Rule.VALIDATION_UNDER_LOCK);
        MigrationObservation migration = table.migration();
        if (level == Level.OFF || !table.big() || table.after() == null || migration.after() == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        long oid = table.before().oid();
        for (ConstraintState constraint : migration.after().constraints()) {
            if (constraint.tableOid() == oid && constraint.validated() && migration.before().constraint(oid, constraint.name()).isEmpty()
                    && heldUnderLock(table, LockMode.SHARE_ROW_EXCLUSIVE)) {
                findings.add(constraintFinding(table, level, constraint));
                referenced(table.migration(), constraint).ifPresent(alsoExplained::add);
            }
        }
        table.after().notNull().forEach((column, notNull) -> {
            Boolean was = table.before().notNull().get(column);
            if (notNull && Boolean.FALSE.equals(was) && !provenNotNull(migration, oid, column)
                    && heldUnderLock(table, LockMode.ACCESS_EXCLUSIVE)) {
                findings.add(notNullFinding(table, level, column));
            }
        });
        return findings;
    }

    private Finding constraintFinding(TableFacts table, Level level, ConstraintState constraint) {
        String kind = constraint.foreignKey() ? "foreign key" : "CHECK constraint";
        LockMode mode = table.lock() == null ? LockMode.SHARE_ROW_EXCLUSIVE : table.lock().strongest();
        long held = table.lock() == null ? table.migration().durationMs() : table.lock().strongestHeldMs();
        String referenced = referenced(table.migration(), constraint).map(name -> " and " + name).orElse("");
        String message = kind + " " + constraint.name() + " on " + table.describe() + " validated while holding " + mode.label()
                + " for " + HumanUnits.millis(held) + ": " + (mode.blocksReads() ? "reads and writes" : "writes") + " to "
                + table.name() + referenced + " would wait that long";
        return table.finding(Rule.VALIDATION_UNDER_LOCK, level, held, statementTime(table.migration(), constraint.name()), message,
                "ADD CONSTRAINT " + constraint.name() + " … NOT VALID (instant: only new rows are checked), then VALIDATE "
                        + "CONSTRAINT " + constraint.name() + " in a later migration: the validation then takes SHARE UPDATE "
                        + "EXCLUSIVE, which lets reads and writes through");
    }

    private Finding notNullFinding(TableFacts table, Level level, String column) {
        long held = table.lock() == null ? table.migration().durationMs() : table.lock().readsBlockedMs();
        String message = "SET NOT NULL on " + table.name() + "." + column + " checked every row of " + table.describe()
                + " while holding ACCESS EXCLUSIVE for " + HumanUnits.millis(held) + ": "
                + LockMode.ACCESS_EXCLUSIVE.consequence(table.name()) + " that long";
        return table.finding(Rule.VALIDATION_UNDER_LOCK, level, held, statementTime(table.migration(), "NOT NULL"), message,
                "ADD CONSTRAINT … CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, "
                        + "then SET NOT NULL (PostgreSQL 12+ trusts the valid CHECK and skips the scan) and drop the CHECK");
    }

    /** The table a foreign key references (locked SHARE ROW EXCLUSIVE while it is validated too). */
    private static Optional<String> referenced(MigrationObservation migration, ConstraintState constraint) {
        return constraint.foreignKey() ? migration.after().tables().values().stream().filter(t -> t.oid() == constraint.referencedOid())
                .map(TableState::qualifiedName).findFirst() : Optional.empty();
    }

    /**
     * Inside a transaction the lock of the statement that added the constraint is held through the validation; outside
     * one, only a lock of at least {@code mode} seen across samples shows the validation ran under it.
     */
    private static boolean heldUnderLock(TableFacts table, LockMode mode) {
        if (table.migration().transactional()) {
            return true;
        }
        return table.lock() != null && table.lock().strongest().compareTo(mode) >= 0 && table.lock().strongestHeldMs() > 0;
    }

    /** Whether a valid {@code CHECK (column IS NOT NULL)} existed before: then SET NOT NULL does not scan. */
    private static boolean provenNotNull(MigrationObservation migration, long oid, String column) {
        Pattern proof = Pattern.compile("CHECK \\(+\"?" + Pattern.quote(column) + "\"? IS NOT NULL\\)+", Pattern.CASE_INSENSITIVE);
        return migration.before().constraints().stream().anyMatch(c -> c.tableOid() == oid && !c.foreignKey() && c.validated()
                && proof.matcher(c.definition()).matches());
    }

    /** The time of the first statement that names {@code word}, else the migration's. */
    static long statementTime(MigrationObservation migration, String word) {
        String needle = word.toLowerCase(Locale.ROOT);
        return migration.statements().stream().filter(s -> s.sql().toLowerCase(Locale.ROOT).contains(needle))
                .mapToLong(StatementTiming::durationMs).findFirst().orElse(migration.durationMs());
    }
}
