package io.dbbranch.engine.review;

import io.dbbranch.engine.review.observe.LockMode;
import io.dbbranch.engine.review.observe.MigrationObservation;
import io.dbbranch.engine.review.observe.TableState;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the observer saw of one migration into findings under a policy. Only tables that existed before the
 * migration count (nobody in production waits for a table that does not exist yet), and Flyway's history table is
 * left out. Where a specific rule explains a lock ({@code rewrite}, {@code blockingIndex}, {@code validationUnderLock}),
 * the generic lock rules do not report the same lock again.
 */
final class Judge {
    private static final Set<Rule> SPECIFIC = EnumSet.of(Rule.REWRITE, Rule.BLOCKING_INDEX, Rule.VALIDATION_UNDER_LOCK);

    private final ReviewPolicy policy;
    private final LockChecks locks;
    private final SchemaChecks schema;
    private final DestructiveCheck destructive;

    Judge(ReviewPolicy policy) {
        this.policy = policy;
        this.locks = new LockChecks(policy);
        this.schema = new SchemaChecks(policy);
        this.destructive = new DestructiveCheck(policy);
    }

    /**
     * @param rowsAffected the rows the migration changed, as the migrator counted them ({@code null}: unknown)
     * @param notes        where a check that could not run is noted
     */
    ReviewedMigration judge(MigrationObservation migration, Long rowsAffected, List<String> notes) {
        Map<String, TableFacts> tables = tables(migration);
        List<Finding> findings = new ArrayList<>();
        Set<String> referencedByForeignKeys = new HashSet<>();
        for (TableFacts table : tables.values()) {
            locks.rewrite(table).ifPresent(findings::add);
            findings.addAll(schema.blockingIndexes(table));
            findings.addAll(schema.validations(table, referencedByForeignKeys));
        }
        for (TableFacts table : tables.values()) {
            locks.exclusiveLock(table).ifPresent(findings::add);
            if (!referencedByForeignKeys.contains(table.name())) {
                locks.writeLock(table).ifPresent(findings::add); // a foreign key's finding names its referenced table
            }
        }
        try {
            findings.addAll(destructive.check(migration, tables));
        } catch (SQLException e) {
            notes.add("the destructive changes of " + migration.script() + " could not be told: " + e.getMessage());
        }
        slow(migration).ifPresent(findings::add);
        List<RelationImpact> impacts = tables.values().stream().filter(t -> t.lock() != null || t.rewritten())
                .map(TableFacts::impact).toList();
        return new ReviewedMigration(migration.version(), migration.description(), migration.script(), migration.durationMs(),
                rowsAffected, sizeChange(migration), migration.transactional(), migration.failed(), migration.statements(), impacts, withoutRepeats(findings));
    }

    /** Every table that existed before the migration, by qualified name. */
    private Map<String, TableFacts> tables(MigrationObservation migration) {
        Map<String, TableFacts> tables = new LinkedHashMap<>();
        if (migration.before() == null) {
            return tables;
        }
        for (TableState before : migration.before().tables().values()) {
            TableState after = migration.after() == null ? null : migration.after().tables().get(before.oid());
            boolean rewritten = after != null && before.fileNode() != 0 && after.fileNode() != before.fileNode();
            tables.put(before.qualifiedName(), new TableFacts(migration, before, after, migration.locks().get(before.oid()),
                    rewritten, policy.isBig(before.sizeBytes(), before.rows())));
        }
        return tables;
    }

    private static Long sizeChange(MigrationObservation migration) {
        if (migration.before() == null || migration.after() == null || migration.before().databaseBytes() < 0
                || migration.after().databaseBytes() < 0) {
            return null;
        }
        return migration.after().databaseBytes() - migration.before().databaseBytes();
    }

    private Optional<Finding> slow(MigrationObservation migration) {
        Level level = policy.level(Rule.SLOW_MIGRATION);
        long threshold = policy.setting(Rule.SLOW_MIGRATION).threshold().toMillis();
        if (level == Level.OFF || migration.durationMs() <= threshold) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Rule.SLOW_MIGRATION, level, migration.script(), null, null, null, false, null, null,
                migration.durationMs(), migration.script() + " ran for " + HumanUnits.millis(migration.durationMs())
                + " on production's data (over the " + HumanUnits.millis(threshold) + " threshold): the deploy would take at "
                + "least that long, longer under production's load",
                "Split it, and move data backfills into batched jobs outside the migration", null));
    }

    /**
     * Drops a generic lock finding that a specific one on the same table already explains: {@code writeLock} beside
     * any of them or beside {@code exclusiveLock}; {@code exclusiveLock} beside one that reports ACCESS EXCLUSIVE.
     */
    private static List<Finding> withoutRepeats(List<Finding> findings) {
        return findings.stream().filter(finding -> switch (finding.rule()) {
            case WRITE_LOCK -> findings.stream().noneMatch(other -> sameTable(finding, other)
                    && (SPECIFIC.contains(other.rule()) || other.rule() == Rule.EXCLUSIVE_LOCK));
            case EXCLUSIVE_LOCK -> findings.stream().noneMatch(other -> sameTable(finding, other) && SPECIFIC.contains(other.rule())
                    && LockMode.ACCESS_EXCLUSIVE.label().equals(other.lockMode()));
            default -> true;
        }).toList();
    }

    private static boolean sameTable(Finding one, Finding other) {
        return one != other && one.relation() != null && one.relation().equals(other.relation());
    }
}
