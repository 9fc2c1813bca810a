package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.util.Locale;

/**
 * What a lease of a fixed {@link LeaseSpec#name() name} does when a branch of that name exists already. Only a branch
 * dbbranch made and labelled for the same {@link LeaseSpec#owner() owner} is ever reused, reset or recreated; any other
 * branch of that name is refused by name and left alone.
 */
public enum OnExists {
    /** Refuse, naming the branch, its owner, age and expiry, and these options (the default). */
    FAIL,
    /**
     * Lease the branch as it is, with its data: a new short-lived credential, and at teardown whatever the keep policy
     * says (with {@link KeepPolicy#NEVER} it is deleted at the end, as any lease's branch).
     */
    REUSE,
    /**
     * Bring the branch back to the parent's current state: in place where the provider can
     * ({@link io.dbbranch.engine.spi.BranchProvider#resetsFromParent()}: Neon's restore from the parent, keeping the
     * branch's id and endpoint), elsewhere by deleting it and branching again under the same name.
     */
    RESET,
    /** Delete the branch and branch the parent again under the same name (a new branch id). */
    RECREATE;

    /** Parses {@code fail}, {@code reuse}, {@code reset} and {@code recreate} (any case). */
    public static OnExists parse(String text) {
        if (text == null || text.isBlank()) {
            return FAIL;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "fail" -> FAIL;
            case "reuse" -> REUSE;
            case "reset" -> RESET;
            case "recreate" -> RECREATE;
            default -> throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "On an existing branch, '" + text + "'",
                    "that is not an onExists choice", "Use fail, reuse, reset or recreate");
        };
    }

    /** The spelling used in Pipeline scripts and on the command line: {@code fail}, {@code reuse}, … */
    public String symbol() {
        return name().toLowerCase(Locale.ROOT);
    }
}
