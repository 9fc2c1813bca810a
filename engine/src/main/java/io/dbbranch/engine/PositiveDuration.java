package io.dbbranch.engine;

import java.time.Duration;

/** The check every request option that is a timeout, lifetime or window goes through. */
public final class PositiveDuration {
    private PositiveDuration() {
    }

    /**
     * Returns {@code value} if it is positive.
     *
     * @param what the option's name, for the message, e.g. {@code readyTimeout}
     * @throws DbBranchException {@code INVALID_REQUEST} for {@code null}, zero or a negative duration
     */
    public static Duration require(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Set " + what + " to " + value,
                    "it must be a positive duration", "Use e.g. 30m or 1h");
        }
        return value;
    }
}
