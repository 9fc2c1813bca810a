package io.dbbranch.engine.review.observe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the observer saw while one migration ran: its time, its statements, the catalog before and after it, and the
 * locks its session held.
 *
 * @param script        its script
 * @param version       its version, {@code null} for a repeatable migration
 * @param description   its description
 * @param transactional whether it ran in one transaction (its locks then held to its end)
 * @param failed        whether it failed
 * @param durationMs    from its start to its end, as the callbacks saw it
 * @param statements    its statements with their times; empty where Flyway did not report statements
 * @param before        the catalog just before it (with table sizes), {@code null} if it could not be read
 * @param after         the catalog just after it committed, {@code null} if it could not be read
 * @param locks         the relation locks its session held, by relation oid
 */
public record MigrationObservation(String script, String version, String description, boolean transactional, boolean failed,
                                   long durationMs, List<StatementTiming> statements, CatalogState before, CatalogState after,
                                   Map<Long, HeldLock> locks) {

    public MigrationObservation {
        Objects.requireNonNull(script, "script");
        statements = List.copyOf(statements);
        locks = Map.copyOf(locks);
    }

    /** The statement with this index (from 1), if Flyway reported it. */
    public Optional<StatementTiming> statement(int index) {
        return statements.stream().filter(statement -> statement.index() == index).findFirst();
    }
}
