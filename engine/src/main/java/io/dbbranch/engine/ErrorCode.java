package io.dbbranch.engine;

/** What kind of failure a {@link DbBranchException} reports; front ends map these to exit codes and messages. */
public enum ErrorCode {
    /** The request itself is wrong (bad name, TTL out of range, malformed time): fix the input. */
    INVALID_REQUEST(false),
    /** A branch, parent, project or credential that was named does not exist. */
    NOT_FOUND(false),
    /** A branch of that name exists already and is not ours to adopt. */
    ALREADY_EXISTS(false),
    /** Something else holds the resource (open sessions on a parent, a conflicting operation, a lock). */
    CONFLICT(true),
    /** The provider refused our identity (bad secret, expired token). */
    AUTHENTICATION(false),
    /** The identity is known but may not do this. */
    PERMISSION_DENIED(false),
    /** The provider asked us to slow down (HTTP 429) and retries ran out. */
    RATE_LIMITED(true),
    /**
     * The provider refused to make another branch because a limit on how many may live at once is reached (Neon's
     * {@code BRANCHES_LIMIT_EXCEEDED}, Databricks' {@code QUOTA_EXCEEDED} or {@code RESOURCE_EXHAUSTED} with a quota
     * failure): a lease waits for a slot ({@code engine.capacity}) and tries again.
     */
    QUOTA_EXCEEDED(true),
    /** The provider or the network failed (HTTP 5xx, connection reset) and retries ran out. */
    UNAVAILABLE(true),
    /** A wait (readiness, an operation, a lock) exceeded its deadline. */
    TIMEOUT(true),
    /** The provider answered something we do not understand or reported a failed operation. */
    PROVIDER_ERROR(false),
    /** A database migration failed. */
    MIGRATION_FAILED(false),
    /** A verification query did not meet its expectation. */
    VERIFICATION_FAILED(false),
    /** The machine cannot do what was asked (no free port, missing or untrusted binaries, a folder the server cannot reach). */
    ENVIRONMENT(false),
    /** The calling thread was interrupted; whatever was created has been cleaned up. */
    INTERRUPTED(false);

    private final boolean transientFailure;

    ErrorCode(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether the same call may succeed if simply tried again later. */
    public boolean isTransient() {
        return transientFailure;
    }
}
