package io.dbbranch.cli;

import io.dbbranch.engine.ErrorCode;

/**
 * The exit codes of {@code dbbranch}, one per kind of failure so that scripts can react (retry on 9–11, fix
 * the input on 2–5). Documented in {@code docs/cli.md}; never renumber one.
 */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** Something failed that has no code of its own (an unexpected error, or a reap that could not delete all). */
    public static final int FAILED = 1;
    /** The command line itself is wrong: unknown option, missing argument, malformed value. */
    public static final int USAGE = 2;
    /** A migration review's verdict is FAIL ({@code review}, {@code run --review}, {@code migrate-upstream}'s rehearsal). */
    public static final int REVIEW_FAILED = 16;
    /** A migration review's verdict is WARN and {@code --fail-on warn} was given. */
    public static final int REVIEW_WARNED = 17;
    /**
     * The provider refused another branch (its limit of live branches) and {@code --wait} was 0, or it still refused
     * when the wait ended without a TIMEOUT of its own.
     */
    public static final int QUOTA_EXCEEDED = 18;
    /** The process was interrupted (Ctrl-C); what was created has been torn down. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The exit code for a failure of this kind. */
    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> 3;
            case NOT_FOUND -> 4;
            case ALREADY_EXISTS -> 5;
            case CONFLICT -> 6;
            case AUTHENTICATION -> 7;
            case PERMISSION_DENIED -> 8;
            case UNAVAILABLE -> 9;
            case RATE_LIMITED -> 10;
            case QUOTA_EXCEEDED -> QUOTA_EXCEEDED;
            case TIMEOUT -> 11;
            case PROVIDER_ERROR -> 12;
            case MIGRATION_FAILED -> 13;
            case VERIFICATION_FAILED -> 14;
            case ENVIRONMENT -> 15;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
