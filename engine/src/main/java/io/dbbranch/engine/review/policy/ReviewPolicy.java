package io.dbbranch.engine.review.policy;

import io.dbbranch.engine.DurationText;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the review fails or warns about, and from which size a table counts as big. Immutable.
 *
 * <p>Sources are merged lowest first: {@link #defaults()} &lt; the connection's settings &lt; the repository's policy
 * file &lt; the step's parameters or command-line flags, each with {@link #with(PolicyOverrides)}:
 * <pre>ReviewPolicy.defaults().with(connection).with(PolicyFile.read(path)).with(flags)</pre>
 *
 * <p>The defaults, and why (lock modes per PostgreSQL's "Explicit Locking" table):
 * <ul>
 *   <li>{@code rewrite: fail} — a rewrite holds ACCESS EXCLUSIVE for as long as it copies the table: on a big table
 *       that is an outage, and there is always a non-rewriting way (add a column, backfill in batches, swap).</li>
 *   <li>{@code exclusiveLock: fail 1s} — ACCESS EXCLUSIVE blocks reads too; more than a second of every query on a
 *       table waiting (and queueing behind it) is visible to users. Applies to every table that existed before the
 *       migration, big or small: a small table locked while the migration does something slow elsewhere in the
 *       same transaction is blocked just as long.</li>
 *   <li>{@code writeLock: warn 1s} — SHARE to EXCLUSIVE block writes but not reads. The usual causes (an index
 *       without CONCURRENTLY, a validated constraint) have their own failing rules; what is left (a trigger created
 *       before a long backfill, an explicit {@code LOCK TABLE}) deserves a look, not a blocked merge.</li>
 *   <li>{@code blockingIndex: fail} — {@code CREATE INDEX} takes SHARE: writes wait for the whole build, while
 *       {@code CREATE INDEX CONCURRENTLY} takes SHARE UPDATE EXCLUSIVE and lets them through.</li>
 *   <li>{@code validationUnderLock: fail} — validating a foreign key, CHECK or NOT NULL scans the whole table under
 *       the lock the ADD took (SHARE ROW EXCLUSIVE or ACCESS EXCLUSIVE); {@code NOT VALID} then
 *       {@code VALIDATE CONSTRAINT} scans under SHARE UPDATE EXCLUSIVE instead.</li>
 *   <li>{@code destructive: fail} — a dropped column or table cannot be undone except by restoring the database,
 *       which also loses every write since. Failing makes the loss a decision: acknowledge it for the run with
 *       {@code destructive: warn} (a step parameter or flag) once the code no longer reads the data.</li>
 *   <li>{@code slowMigration: warn 60s} — long deploys are worth knowing about, but length alone blocks nobody;
 *       the lock rules say when it does.</li>
 *   <li>A table is big from {@code 10 MB} or {@code 100 000} estimated rows: below both, a rewrite, index build or
 *       validation takes milliseconds.</li>
 * </ul>
 */
public final class ReviewPolicy {
    /** 10 MiB. */
    public static final long DEFAULT_BIG_TABLE_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_BIG_TABLE_ROWS = 100_000;

    private static final ReviewPolicy DEFAULTS = new ReviewPolicy(defaultSettings(), DEFAULT_BIG_TABLE_BYTES, DEFAULT_BIG_TABLE_ROWS);

    private final Map<Rule, RuleSetting> settings;
    private final long bigTableBytes;
    private final long bigTableRows;

    private ReviewPolicy(Map<Rule, RuleSetting> settings, long bigTableBytes, long bigTableRows) {
        this.settings = Collections.unmodifiableMap(new EnumMap<>(settings));
        this.bigTableBytes = bigTableBytes;
        this.bigTableRows = bigTableRows;
    }

    /** The safe defaults described above. */
    public static ReviewPolicy defaults() {
        return DEFAULTS;
    }

    /** This policy with {@code overrides} laid over it: what they set wins, the rest stays. */
    public ReviewPolicy with(PolicyOverrides overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Map<Rule, RuleSetting> merged = new EnumMap<>(settings);
        for (Rule rule : Rule.values()) {
            RuleSetting current = merged.get(rule);
            Level level = overrides.levels().getOrDefault(rule, current.level());
            Duration threshold = rule.checkThreshold(overrides.thresholds().getOrDefault(rule, current.threshold()));
            merged.put(rule, new RuleSetting(level, threshold));
        }
        return new ReviewPolicy(merged,
                overrides.bigTableBytes() == null ? bigTableBytes : overrides.bigTableBytes(),
                overrides.bigTableRows() == null ? bigTableRows : overrides.bigTableRows());
    }

    public RuleSetting setting(Rule rule) {
        return settings.get(rule);
    }

    public Level level(Rule rule) {
        return settings.get(rule).level();
    }

    public long bigTableBytes() {
        return bigTableBytes;
    }

    public long bigTableRows() {
        return bigTableRows;
    }

    /**
     * Whether a table of this size is big: from {@link #bigTableBytes()} or from {@link #bigTableRows()}.
     *
     * @param rows the planner's estimate ({@code pg_class.reltuples}); negative when never analysed, then only the
     *             size counts
     */
    public boolean isBig(long sizeBytes, long rows) {
        return sizeBytes >= bigTableBytes || rows >= 0 && rows >= bigTableRows;
    }

    /** The policy as a policy file would write it, one entry per key, in a fixed order. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((rule, setting) -> out.put(rule.key(), setting.describe()));
        out.put(PolicyFile.BIG_TABLE_BYTES, Long.toString(bigTableBytes));
        out.put(PolicyFile.BIG_TABLE_ROWS, Long.toString(bigTableRows));
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReviewPolicy that && settings.equals(that.settings) && bigTableBytes == that.bigTableBytes
                && bigTableRows == that.bigTableRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, bigTableBytes, bigTableRows);
    }

    @Override
    public String toString() {
        return "ReviewPolicy" + describe();
    }

    private static Map<Rule, RuleSetting> defaultSettings() {
        Map<Rule, RuleSetting> settings = new EnumMap<>(Rule.class);
        settings.put(Rule.REWRITE, RuleSetting.of(Level.FAIL));
        settings.put(Rule.EXCLUSIVE_LOCK, new RuleSetting(Level.FAIL, Duration.ofSeconds(1)));
        settings.put(Rule.WRITE_LOCK, new RuleSetting(Level.WARN, Duration.ofSeconds(1)));
        settings.put(Rule.BLOCKING_INDEX, RuleSetting.of(Level.FAIL));
        settings.put(Rule.VALIDATION_UNDER_LOCK, RuleSetting.of(Level.FAIL));
        settings.put(Rule.DESTRUCTIVE, RuleSetting.of(Level.FAIL));
        settings.put(Rule.SLOW_MIGRATION, new RuleSetting(Level.WARN, Duration.ofSeconds(60)));
        return settings;
    }

    /** For messages: {@code 1s}. */
    static String format(Duration duration) {
        return duration.isZero() ? "0s" : DurationText.format(duration);
    }
}
