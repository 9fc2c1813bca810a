package io.dbbranch.engine.review.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Part of a policy, as one source gives it (a connection's settings, the repository's policy file, a step's
 * parameters or a command-line flag): only what it sets. {@link ReviewPolicy#with} lays it over a policy.
 *
 * @param source        where it came from, for messages ({@code .dbbranch/review-policy}, {@code --policy})
 * @param levels        levels it sets
 * @param thresholds    thresholds it sets (only for rules that {@link Rule#takesThreshold() take one})
 * @param bigTableBytes the size from which a table is big, {@code null} to leave it
 * @param bigTableRows  the row estimate from which a table is big, {@code null} to leave it
 */
public record PolicyOverrides(String source, Map<Rule, Level> levels, Map<Rule, Duration> thresholds, Long bigTableBytes,
                              Long bigTableRows) {

    public PolicyOverrides {
        Objects.requireNonNull(source, "source");
        levels = unmodifiable(levels);
        thresholds = unmodifiable(thresholds);
        thresholds.forEach((rule, threshold) -> {
            if (!rule.takesThreshold()) {
                throw new IllegalArgumentException(rule.key() + " takes no threshold (it is gated by table size)");
            }
            if (threshold.isNegative()) {
                throw new IllegalArgumentException(rule.key() + " threshold must not be negative: " + threshold);
            }
        });
        if (bigTableBytes != null && bigTableBytes < 0 || bigTableRows != null && bigTableRows < 0) {
            throw new IllegalArgumentException("big table limits must not be negative");
        }
    }

    /** Nothing set yet, from {@code source}. */
    public static PolicyOverrides from(String source) {
        return new PolicyOverrides(source, Map.of(), Map.of(), null, null);
    }

    /** These overrides with {@code rule} at {@code level}. */
    public PolicyOverrides level(Rule rule, Level level) {
        Map<Rule, Level> copy = copy(levels, Rule.class);
        copy.put(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(level, "level"));
        return new PolicyOverrides(source, copy, thresholds, bigTableBytes, bigTableRows);
    }

    /** These overrides with {@code rule}'s threshold at {@code threshold}. */
    public PolicyOverrides threshold(Rule rule, Duration threshold) {
        Map<Rule, Duration> copy = copy(thresholds, Rule.class);
        copy.put(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(threshold, "threshold"));
        return new PolicyOverrides(source, levels, copy, bigTableBytes, bigTableRows);
    }

    /** These overrides with a table big from {@code bytes}. */
    public PolicyOverrides bigTableBytes(long bytes) {
        return new PolicyOverrides(source, levels, thresholds, bytes, bigTableRows);
    }

    /** These overrides with a table big from {@code rows} (estimated). */
    public PolicyOverrides bigTableRows(long rows) {
        return new PolicyOverrides(source, levels, thresholds, bigTableBytes, rows);
    }

    /** Every rule at {@code level}: {@code off} for a review that only measures. */
    public PolicyOverrides all(Level level) {
        PolicyOverrides all = this;
        for (Rule rule : Rule.values()) {
            all = all.level(rule, level);
        }
        return all;
    }

    public boolean isEmpty() {
        return levels.isEmpty() && thresholds.isEmpty() && bigTableBytes == null && bigTableRows == null;
    }

    private static <V> Map<Rule, V> unmodifiable(Map<Rule, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy(map, Rule.class));
    }

    private static <V> Map<Rule, V> copy(Map<Rule, V> map, Class<Rule> type) {
        Map<Rule, V> copy = new EnumMap<>(type);
        copy.putAll(map);
        return copy;
    }
}
