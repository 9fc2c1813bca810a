package io.dbbranch.engine.review.observe;

import java.util.Objects;

/**
 * One statement of a SQL migration and how long it ran, from Flyway's before/after-each-statement callbacks.
 *
 * @param index      its position in the script, from 1
 * @param sql        its text, shortened to one line of at most 200 characters
 * @param durationMs how long it ran
 */
public record StatementTiming(int index, String sql, long durationMs) {

    public StatementTiming {
        Objects.requireNonNull(sql, "sql");
    }
}
