package io.dbbranch.bench.data;

/**
 * How much data to generate, as a target database size. The row counts follow from {@link #customers()}: the
 * other tables hang off the customers in fixed average proportions, so a size always means the same shape.
 *
 * @param megabytes the wanted {@code pg_database_size}, in MiB (the empty database's ~7.5 MiB included)
 */
public record DataSize(int megabytes) {
    /** An empty PostgreSQL 17 database with our schema, in MiB. */
    static final double EMPTY_DATABASE_MB = 7.7;
    /** Bytes on disk (heap and indexes) per customer with its orders, items and events, measured on PG 17. */
    static final double BYTES_PER_CUSTOMER = 3_900;

    public DataSize {
        if (megabytes < 8) {
            throw new IllegalArgumentException("a data set needs at least 8 MB (the empty database is ~7.5 MB); got " + megabytes);
        }
    }

    /** How many customers make a database of about this size. */
    public int customers() {
        return (int) Math.max(50, Math.round((megabytes - EMPTY_DATABASE_MB) * 1024 * 1024 / BYTES_PER_CUSTOMER));
    }

    /** How many products the catalogue has: one per 40 customers, at least 50. */
    public int products() {
        return Math.max(50, customers() / 40);
    }

    @Override
    public String toString() {
        return megabytes + " MB";
    }
}
