package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.util.Locale;

/** Whether a lease keeps its branch at teardown instead of deleting it. */
public enum KeepPolicy {
    /** Always delete (the default). */
    NEVER,
    /** Keep the branch when the body failed, to look at what the failing build saw. */
    ON_FAILURE,
    /** Never delete; the branch lives until its expiry or an explicit delete. */
    ALWAYS,
    /**
     * Keep the branch for the next build of the same pull request ({@link LeaseSpec#pullRequest()}, recorded in its
     * labels): the {@link Reaper} deletes it once the pull request is closed or merged, or its expiry
     * ({@link LeaseSpec#keepFor()} after the last build) has passed. Pairs with a fixed name and {@link OnExists#REUSE}.
     */
    WHILE_PR_OPEN;

    /** Whether to keep the branch given the body's outcome. */
    public boolean keeps(boolean bodyFailed) {
        return this == ALWAYS || this == WHILE_PR_OPEN || this == ON_FAILURE && bodyFailed;
    }

    /**
     * Parses {@code never}, {@code onFailure}/{@code on-failure}/{@code on_failure}, {@code always} and
     * {@code whilePrOpen}/{@code while-pr-open}.
     */
    public static KeepPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return NEVER;
        }
        String normalised = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (normalised) {
            case "never" -> NEVER;
            case "onfailure" -> ON_FAILURE;
            case "always" -> ALWAYS;
            case "whilepropen" -> WHILE_PR_OPEN;
            default -> throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Keep the branch '" + text + "'",
                    "that is not a keep policy", "Use never, onFailure, always or whilePrOpen");
        };
    }

    /** The spelling used in Pipeline scripts: {@code never}, {@code onFailure}, {@code always}, {@code whilePrOpen}. */
    public String symbol() {
        return switch (this) {
            case NEVER -> "never";
            case ON_FAILURE -> "onFailure";
            case ALWAYS -> "always";
            case WHILE_PR_OPEN -> "whilePrOpen";
        };
    }
}
