package io.dbbranch.engine.review.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The review's rules, each with its safe default (see {@link ReviewPolicy#defaults()} for why each default was chosen).
 * Lock modes and what they block follow PostgreSQL's "Explicit Locking" table
 * (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES).
 */
public enum Rule {
    /** A big table was rewritten (its {@code relfilenode} changed): {@code ALTER COLUMN … TYPE}, a volatile default. */
    REWRITE("rewrite", false),
    /** ACCESS EXCLUSIVE (blocks reads and writes) held on an existing table longer than the threshold. */
    EXCLUSIVE_LOCK("exclusiveLock", true),
    /** SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE (block writes) held on an existing table longer than the threshold. */
    WRITE_LOCK("writeLock", true),
    /** An index built on a big table without {@code CONCURRENTLY} (SHARE lock: writes wait for the whole build). */
    BLOCKING_INDEX("blockingIndex", false),
    /** A foreign key or CHECK validated, or {@code SET NOT NULL} checked, on a big table while its lock is held. */
    VALIDATION_UNDER_LOCK("validationUnderLock", false),
    /** A dropped table or column, a narrowed type, a removed enum value on a table with rows. */
    DESTRUCTIVE("destructive", false),
    /** A migration that ran longer than the threshold. */
    SLOW_MIGRATION("slowMigration", true);

    private final String key;
    private final boolean takesThreshold;

    Rule(String key, boolean takesThreshold) {
        this.key = key;
        this.takesThreshold = takesThreshold;
    }

    /** The name in policy files, flags, JSON and reports: {@code exclusiveLock}. */
    @JsonValue
    public String key() {
        return key;
    }

    /** Whether the rule has a duration threshold (the lock rules and {@code slowMigration}). */
    public boolean takesThreshold() {
        return takesThreshold;
    }

    /** The rule called {@code key} (case-insensitive). */
    public static Optional<Rule> byKey(String key) {
        return Arrays.stream(values()).filter(rule -> rule.key.equalsIgnoreCase(key)).findFirst();
    }

    /** Every key, for messages: {@code rewrite, exclusiveLock, …}. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Rule::key).toList());
    }

    /** A threshold for rules that take one, {@code null} otherwise. */
    Duration checkThreshold(Duration threshold) {
        return takesThreshold ? threshold : null;
    }
}
