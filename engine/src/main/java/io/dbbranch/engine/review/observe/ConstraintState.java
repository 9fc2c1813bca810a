package io.dbbranch.engine.review.observe;

import java.util.Objects;

/**
 * A foreign key or CHECK constraint as the catalog showed it.
 *
 * @param tableOid      the constrained table
 * @param name          its name
 * @param foreignKey    {@code true} for a foreign key, {@code false} for a CHECK
 * @param validated     {@code pg_constraint.convalidated}: {@code false} while it is {@code NOT VALID}
 * @param referencedOid the referenced table of a foreign key, {@code 0} for a CHECK
 * @param definition    {@code pg_get_constraintdef}: {@code CHECK ((email IS NOT NULL))}
 */
public record ConstraintState(long tableOid, String name, boolean foreignKey, boolean validated, long referencedOid,
                              String definition) {

    public ConstraintState {
        Objects.requireNonNull(name, "name");
        definition = definition == null ? "" : definition;
    }
}
