package io.dbbranch.engine.review;

import java.util.Comparator;
import java.util.Objects;

/**
 * What one migration did to one table that existed before it, as measured: the strongest lock its session held
 * on it and for how long, and whether it was rewritten. The facts behind the findings, reported whatever the policy.
 *
 * @param relation   the table, schema-qualified
 * @param sizeBytes  its size before the migration ({@code pg_total_relation_size}), {@code null} if unknown
 * @param rows       the planner's row estimate before the migration ({@code reltuples}; {@code -1}: never analysed)
 * @param lockMode   the strongest lock mode seen ({@code SHARE}), {@code null} when no lock was seen
 * @param heldMs     how long a lock of that mode (or stronger) was held, to the sampling resolution
 * @param rewritten  whether its {@code relfilenode} changed (rewritten, or truncated)
 */
public record RelationImpact(String relation, Long sizeBytes, Long rows, String lockMode, Long heldMs, boolean rewritten) {

    /** By relation name. */
    public static final Comparator<RelationImpact> ORDER = Comparator.comparing(RelationImpact::relation);

    public RelationImpact {
        Objects.requireNonNull(relation, "relation");
    }
}
