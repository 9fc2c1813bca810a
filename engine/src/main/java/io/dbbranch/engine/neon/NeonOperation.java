package io.dbbranch.engine.neon;

import java.util.Set;

/**
 * A long-running action Neon carries out after a call returns ({@code Operation} in the v2 spec).
 *
 * @param id       a UUID
 * @param branchId the branch it acts on
 * @param action   {@code create_branch}, {@code start_compute}, {@code apply_config}, …
 * @param status   {@code scheduling}, {@code running}, {@code finished}, {@code failed}, {@code error},
 *                 {@code cancelling}, {@code cancelled}, {@code skipped}
 * @param error    what went wrong, when it failed
 */
record NeonOperation(String id, String branchId, String action, String status, String error) {
    private static final Set<String> SUCCEEDED = Set.of("finished", "skipped", "cancelled");
    private static final Set<String> FAILED = Set.of("failed", "error");

    /** Done without error: finished, or skipped or cancelled because nothing was left to do. */
    boolean succeeded() {
        return SUCCEEDED.contains(status);
    }

    /**
     * Failed. Neon may retry a {@code failed} operation by itself, but a build cannot wait on that: the branch is
     * treated as broken and deleted.
     */
    boolean failed() {
        return FAILED.contains(status);
    }

    @Override
    public String toString() {
        return action + " " + id + " (" + status + ")";
    }
}
