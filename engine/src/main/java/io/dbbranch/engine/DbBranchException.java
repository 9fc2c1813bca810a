package io.dbbranch.engine;

import java.util.Objects;

/**
 * The one exception type of the engine. Its message always says what was asked, what happened and what
 * to do about it; {@link #code()} tells front ends what kind of failure it is.
 *
 * <p>Messages never contain secrets: callers pass identifiers, never tokens or passwords.
 */
public class DbBranchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public DbBranchException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DbBranchException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Builds the conventional three-part message: {@code "<asked>: <happened>. <remedy>"}.
     *
     * @param asked    what the caller asked for, e.g. {@code "Create branch 'ci-42' of 'main'"}
     * @param happened what went wrong, e.g. {@code "the parent database does not exist"}
     * @param remedy   what the user can do, e.g. {@code "Check the parent name; existing: main, staging."}
     */
    public static DbBranchException of(ErrorCode code, String asked, String happened, String remedy) {
        return of(code, asked, happened, remedy, null);
    }

    /** As {@link #of(ErrorCode, String, String, String)} with a cause. */
    public static DbBranchException of(ErrorCode code, String asked, String happened, String remedy, Throwable cause) {
        StringBuilder message = new StringBuilder(asked).append(": ").append(happened);
        if (remedy != null && !remedy.isBlank()) {
            message.append(". ").append(remedy);
        }
        return new DbBranchException(code, message.toString(), cause);
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether trying the same call again later may succeed. */
    public boolean isTransient() {
        return code.isTransient();
    }
}
