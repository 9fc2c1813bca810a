package io.dbbranch.engine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A branch as the provider describes it.
 *
 * @param id           the provider's identifier (Neon {@code br-…}; the name elsewhere)
 * @param name         the branch name
 * @param parent       the parent branch's name, when known
 * @param state        the normalised state
 * @param createdAt    when it was created, when known
 * @param expiresAt    when it expires, natively or by its labels; {@code null} for never
 * @param labels       our ownership labels, {@code null} when the branch carries none (not made by us)
 * @param restorePoint the point of the parent's history it was taken from, when the provider says
 */
public record BranchInfo(
        String id,
        String name,
        String parent,
        BranchState state,
        Instant createdAt,
        Instant expiresAt,
        Labels labels,
        RestorePoint restorePoint) {

    public BranchInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        state = state == null ? BranchState.UNKNOWN : state;
    }

    public BranchInfo withState(BranchState newState) {
        return new BranchInfo(id, name, parent, newState, createdAt, expiresAt, labels, restorePoint);
    }

    public BranchInfo withExpiresAt(Instant newExpiry) {
        return new BranchInfo(id, name, parent, state, createdAt, newExpiry,
                labels == null ? null : labels.withExpiresAt(newExpiry), restorePoint);
    }
}
