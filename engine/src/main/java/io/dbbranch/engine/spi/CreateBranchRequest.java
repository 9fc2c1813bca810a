package io.dbbranch.engine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to branch {@code parent} into {@code name}.
 *
 * @param name      the new branch's name, already validated by {@code BranchName}
 * @param parent    the parent branch (for PostgreSQL, the template database)
 * @param from      where in the parent's history to start; {@link PointInTime#HEAD} for now
 * @param expiresAt the dead-man's switch: when the branch may be deleted if nobody extends it
 * @param labels    ownership labels recorded with the branch
 * @param schemaOnly copy the parent's schema and no rows; only asked of providers whose
 *                  {@link BranchProvider#makesSchemaOnlyBranches()} is true
 */
public record CreateBranchRequest(String name, String parent, PointInTime from, Instant expiresAt, Labels labels,
                                  boolean schemaOnly) {
    public CreateBranchRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        from = from == null ? PointInTime.HEAD : from;
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(labels, "labels");
    }

    /** A request for a branch with all of the parent's data. */
    public CreateBranchRequest(String name, String parent, PointInTime from, Instant expiresAt, Labels labels) {
        this(name, parent, from, expiresAt, labels, false);
    }
}
