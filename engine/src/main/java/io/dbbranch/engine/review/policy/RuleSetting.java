package io.dbbranch.engine.review.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How one rule is applied.
 *
 * @param level     fail, warn or off
 * @param threshold for the lock rules and {@code slowMigration}: a finding needs a measured time strictly above it;
 *                  {@code null} for the rules gated by table size instead
 */
public record RuleSetting(Level level, Duration threshold) {

    public RuleSetting {
        Objects.requireNonNull(level, "level");
        if (threshold != null && threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must not be negative: " + threshold);
        }
    }

    /** A setting without a threshold. */
    public static RuleSetting of(Level level) {
        return new RuleSetting(level, null);
    }

    /** {@code fail 1s} or {@code warn}, as a policy file writes it. */
    public String describe() {
        return level.key() + (threshold == null ? "" : " " + io.dbbranch.engine.DurationText.format(threshold));
    }
}
