package io.dbbranch.engine.neon;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A branch as the Neon API describes it ({@code Branch} in the v2 OpenAPI spec); only the fields we read.
 *
 * @param id              {@code br-…}
 * @param parentId        the parent's {@code br-…}, absent on the root branch
 * @param parentLsn       the parent's WAL position the branch starts from
 * @param parentTimestamp the moment of the parent's history the branch starts from, when it was asked for
 * @param currentState    {@code init}, {@code ready}, {@code archived} (more may come)
 * @param pendingState    the state it is moving to, if any
 * @param isDefault       whether it is the project's default branch (never deleted, never given an expiry)
 * @param expiresAt       when Neon deletes it by itself, {@code null} for never
 */
record NeonBranch(String id, String projectId, String parentId, String parentLsn, Instant parentTimestamp, String name,
                  String currentState, String pendingState, @JsonProperty("default") Boolean isDefault,
                  Instant createdAt, Instant expiresAt) {

    /** Ready for queries, and not on its way to another state. */
    boolean isReady() {
        return "ready".equals(currentState) && (pendingState == null || pendingState.isEmpty());
    }

    boolean isDefaultBranch() {
        return Boolean.TRUE.equals(isDefault);
    }
}
