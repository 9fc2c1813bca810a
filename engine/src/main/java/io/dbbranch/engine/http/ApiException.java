package io.dbbranch.engine.http;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;

/**
 * A REST call that failed for good (after any retries): an HTTP error status, or a transport failure.
 * Carries what the provider needs to decide what to do next, such as "404 on delete means already gone" or
 * "the create may have happened, look it up".
 */
public final class ApiException extends DbBranchException {
    private static final long serialVersionUID = 1L;

    /** {@link #status()} of a transport failure (no HTTP answer). */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final ApiError error;
    private final boolean outcomeUnknown;
    private final int attempts;

    ApiException(ErrorCode code, String message, int status, ApiError error, boolean outcomeUnknown, int attempts,
                 Throwable cause) {
        super(code, message, cause);
        this.status = status;
        this.error = error == null ? new ApiError(null, null) : error;
        this.outcomeUnknown = outcomeUnknown;
        this.attempts = attempts;
    }

    /** The HTTP status, or {@link #NO_RESPONSE} for a transport failure. */
    public int status() {
        return status;
    }

    /** The error the server described in its body (both parts {@code null} when it said nothing). */
    public ApiError error() {
        return error;
    }

    /** The API's error code string ({@code ALREADY_EXISTS}), or {@code null}. */
    public String apiCode() {
        return error.code();
    }

    /**
     * Whether the server may have carried out the call although we got no answer (a connection reset after the
     * request was sent). A create that ends so must be looked up before it is tried again or reported failed.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    public boolean isStatus(int expected) {
        return status == expected;
    }
}
