package io.dbbranch.engine.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.PolicyFile;
import io.dbbranch.engine.review.policy.PolicyOverrides;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import io.dbbranch.engine.review.policy.RuleSetting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy: safe defaults, a readable file format whose errors name the line, and a fixed merge order. */
class ReviewPolicyTest {

    @Test
    void defaultsFailOnWhatBlocksProductionAndWarnOnTheRest() {
        ReviewPolicy defaults = ReviewPolicy.defaults();

        assertThat(defaults.describe()).containsExactly(
                entry("rewrite", "fail"), entry("exclusiveLock", "fail 1s"), entry("writeLock", "warn 1s"),
                entry("blockingIndex", "fail"), entry("validationUnderLock", "fail"), entry("destructive", "fail"),
                entry("slowMigration", "warn 1m"), entry("bigTable.bytes", "10485760"), entry("bigTable.rows", "100000"));
        assertThat(defaults.isBig(10L << 20, 5)).isTrue();
        assertThat(defaults.isBig(8192, 100_000)).isTrue();
        assertThat(defaults.isBig((10L << 20) - 1, 99_999)).isFalse();
        assertThat(defaults.isBig(8192, -1)).as("never analysed: only the size counts").isFalse();
    }

    @Test
    void examplePolicyFileSpellsOutTheDefaults() {
        Path example = Path.of("..", "examples", "review-policy").toAbsolutePath().normalize();

        assertThat(ReviewPolicy.defaults().with(PolicyFile.read(example))).isEqualTo(ReviewPolicy.defaults());
    }

    @Test
    void policyFileSetsLevelsThresholdsAndBigTableLimits() {
        PolicyOverrides file = PolicyFile.parse("""
                # our production tolerates short locks
                rewrite: warn
                exclusiveLock = fail 2s   # reads and writes wait
                writeLock: warn 500ms
                slowMigration: off
                bigTable.bytes: 50MB
                bigTable.rows: 500_000
                """, ".dbbranch/review-policy");

        ReviewPolicy policy = ReviewPolicy.defaults().with(file);

        assertThat(policy.setting(Rule.REWRITE)).isEqualTo(RuleSetting.of(Level.WARN));
        assertThat(policy.setting(Rule.EXCLUSIVE_LOCK)).isEqualTo(new RuleSetting(Level.FAIL, Duration.ofSeconds(2)));
        assertThat(policy.setting(Rule.WRITE_LOCK)).isEqualTo(new RuleSetting(Level.WARN, Duration.ofMillis(500)));
        assertThat(policy.level(Rule.SLOW_MIGRATION)).isEqualTo(Level.OFF);
        assertThat(policy.setting(Rule.SLOW_MIGRATION).threshold()).as("the threshold stays").isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.level(Rule.BLOCKING_INDEX)).as("not in the file: the default").isEqualTo(Level.FAIL);
        assertThat(policy.bigTableBytes()).isEqualTo(50L << 20);
        assertThat(policy.bigTableRows()).isEqualTo(500_000);
    }

    @Test
    void laterSourcesWinInTheDocumentedOrder() {
        PolicyOverrides connection = PolicyOverrides.from("connection").level(Rule.DESTRUCTIVE, Level.WARN).bigTableRows(1000);
        PolicyOverrides file = PolicyFile.parse("destructive: fail\nrewrite: warn", "file");
        PolicyOverrides flags = PolicyFile.parseEntries(List.of("destructive=warn"), "--policy");

        ReviewPolicy policy = ReviewPolicy.defaults().with(connection).with(file).with(flags);

        assertThat(policy.level(Rule.DESTRUCTIVE)).isEqualTo(Level.WARN);
        assertThat(policy.level(Rule.REWRITE)).isEqualTo(Level.WARN);
        assertThat(policy.bigTableRows()).isEqualTo(1000);
        assertThat(ReviewPolicy.defaults().with(PolicyOverrides.from("nothing"))).isEqualTo(ReviewPolicy.defaults());
    }

    @Test
    void everyRuleCanBeTurnedOff() {
        ReviewPolicy off = ReviewPolicy.defaults().with(PolicyOverrides.from("test").all(Level.OFF));

        assertThat(Rule.values()).allSatisfy(rule -> assertThat(off.level(rule)).isEqualTo(Level.OFF));
    }

    @Test
    void unknownRuleIsRefusedNamingTheLineAndTheRules() {
        assertThatThrownBy(() -> PolicyFile.parse("rewrite: fail\n\nrewrites: warn\n", "repo/.dbbranch/review-policy"))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("Read the review policy repo/.dbbranch/review-policy")
                .hasMessageContaining("line 3 'rewrites: warn': there is no rule 'rewrites'")
                .hasMessageContaining("rewrite, exclusiveLock, writeLock, blockingIndex, validationUnderLock, destructive, slowMigration");
    }

    @Test
    void badValuesAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> PolicyFile.parse("rewrite: block", "f")).hasMessageContaining("line 1 'rewrite: block': 'block' is not a level");
        assertThatThrownBy(() -> PolicyFile.parse("rewrite: fail 2s", "f")).hasMessageContaining("rewrite takes no threshold");
        assertThatThrownBy(() -> PolicyFile.parse("# ok\nexclusiveLock: fail soon", "f"))
                .hasMessageContaining("line 2 'exclusiveLock: fail soon': 'soon' is not a duration");
        assertThatThrownBy(() -> PolicyFile.parse("bigTable.bytes: ten", "f")).hasMessageContaining("'ten' is not a size");
        assertThatThrownBy(() -> PolicyFile.parse("bigTable.rows: 1e5", "f")).hasMessageContaining("'1e5' is not a row count");
        assertThatThrownBy(() -> PolicyFile.parse("just words", "f")).hasMessageContaining("line 1 'just words' is not 'key: value'");
        assertThatThrownBy(() -> PolicyFile.parseEntries(List.of("rewrite=warn", "writeLock"), "--policy"))
                .hasMessageContaining("Read the review policy --policy").hasMessageContaining("entry 2 'writeLock'");
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
