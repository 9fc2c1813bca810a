package io.dbbranch.engine.review.observe;

import java.util.Optional;

/**
 * PostgreSQL's table-level lock modes, weakest first, as in the "Explicit Locking" table
 * (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES). From {@link #SHARE} up every mode
 * conflicts with ROW EXCLUSIVE, which {@code INSERT}, {@code UPDATE} and {@code DELETE} take: writes wait. Only
 * {@link #ACCESS_EXCLUSIVE} conflicts with ACCESS SHARE, which {@code SELECT} takes: reads wait too.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgName;

    LockMode(String pgName) {
        this.pgName = pgName;
    }

    /** The mode {@code pg_locks.mode} names ({@code AccessExclusiveLock}); empty for other lock kinds. */
    public static Optional<LockMode> fromPgLocks(String mode) {
        for (LockMode lockMode : values()) {
            if (lockMode.pgName.equals(mode)) {
                return Optional.of(lockMode);
            }
        }
        return Optional.empty();
    }

    /** {@code ACCESS EXCLUSIVE}, as PostgreSQL's documentation and {@code LOCK TABLE} spell it. */
    public String label() {
        return name().replace('_', ' ');
    }

    /** Whether it blocks {@code INSERT}, {@code UPDATE} and {@code DELETE} on the table. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Whether it blocks {@code SELECT} on the table too. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** What production would see while it is held: {@code reads and writes to orders would wait}. */
    public String consequence(String table) {
        if (blocksReads()) {
            return "reads and writes to " + table + " would wait";
        }
        return blocksWrites() ? "writes to " + table + " would wait (reads go on)" : "nothing but DDL on " + table + " would wait";
    }
}
