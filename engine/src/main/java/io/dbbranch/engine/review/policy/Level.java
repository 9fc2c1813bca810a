package io.dbbranch.engine.review.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a rule does when a migration breaks it: fail the review, warn, or nothing at all. */
public enum Level {
    /** The finding makes the verdict {@code FAIL}. */
    FAIL,
    /** The finding is reported and makes the verdict at least {@code WARN}. */
    WARN,
    /** The rule is not checked. */
    OFF;

    /** The level spelt {@code key} (case-insensitive), as {@link #key()} writes it. */
    public static java.util.Optional<Level> byKey(String key) {
        return java.util.Arrays.stream(values()).filter(level -> level.key().equalsIgnoreCase(key)).findFirst();
    }

    /** {@code fail}, {@code warn} or {@code off}: how policy files and JSON spell it. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
