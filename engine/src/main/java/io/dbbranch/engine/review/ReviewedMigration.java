package io.dbbranch.engine.review;

import io.dbbranch.engine.review.observe.StatementTiming;
import java.util.List;
import java.util.Objects;

/**
 * One migration as the review saw it run on production-shaped data.
 *
 * @param version       its version, {@code null} for a repeatable migration
 * @param description   its description
 * @param script        its script ({@code V7__orders_amount_bigint.sql})
 * @param durationMs    how long it ran, from its first statement to its end (commit follows at once)
 * @param rowsAffected  rows inserted, updated or deleted in its transaction, {@code null} when unknown
 *                      (a migration run outside a transaction)
 * @param sizeChangeBytes how much the database grew (or, negative, shrank) with it ({@code pg_database_size} after
 *                      less before), {@code null} when unknown
 * @param transactional whether Flyway ran it in one transaction (locks held to its end); {@code false} for
 *                      migrations with {@code CREATE INDEX CONCURRENTLY} and other non-transactional statements
 * @param failed        whether it failed (and was rolled back, when transactional)
 * @param statements    its statements with their times, empty where Flyway did not report them (Java migrations)
 * @param relations     the existing tables it locked or rewrote, by name
 * @param findings      the rules it broke, in {@link Finding#ORDER}
 */
public record ReviewedMigration(String version, String description, String script, long durationMs, Long rowsAffected,
                                Long sizeChangeBytes, boolean transactional, boolean failed, List<StatementTiming> statements,
                                List<RelationImpact> relations, List<Finding> findings) {

    public ReviewedMigration {
        Objects.requireNonNull(script, "script");
        statements = List.copyOf(statements);
        relations = relations.stream().sorted(RelationImpact.ORDER).toList();
        findings = findings.stream().sorted(Finding.ORDER).toList();
    }

    /** The version, or {@code R} for a repeatable migration. */
    public String displayVersion() {
        return version == null ? "R" : version;
    }
}
