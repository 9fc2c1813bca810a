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
    ALWAYS;

    /** Whether to keep the branch given the body's outcome. */
    public boolean keeps(boolean bodyFailed) {
        return this == ALWAYS || this == ON_FAILURE && bodyFailed;
    }

    /** Parses {@code never}, {@code onFailure}/{@code on-failure}/{@code on_failure} and {@code always}. */
    public static KeepPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return NEVER;
        }
        String normalised = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (normalised) {
            case "never" -> NEVER;
            case "onfailure" -> ON_FAILURE;
            case "always" -> ALWAYS;
            default -> throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Keep the branch '" + text + "'",
                    "that is not a keep policy", "Use never, onFailure or always");
        };
    }

    /** The spelling used in Pipeline scripts: {@code never}, {@code onFailure}, {@code always}. */
    public String symbol() {
        return switch (this) {
            case NEVER -> "never";
            case ON_FAILURE -> "onFailure";
            case ALWAYS -> "always";
        };
    }
}
