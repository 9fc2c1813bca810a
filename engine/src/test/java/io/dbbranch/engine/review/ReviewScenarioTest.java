package io.dbbranch.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.report.ReportJson;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.PolicyOverrides;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import io.dbbranch.engine.review.report.ReviewJunitXml;
import io.dbbranch.engine.review.report.ReviewMarkdown;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** A review end to end: on a branch of its own, as the branch's role, with its reports, its failures and its limits. */
class ReviewScenarioTest {
    private static final String INDEX = "CREATE INDEX orders_customer_idx ON orders (customer_id);";
    private static final String REWRITE = "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;";
    private static final String DROP = "ALTER TABLE orders DROP COLUMN note;";
    private static ReviewFixtures fixtures;
    private static ReviewReport onBranch;
    @TempDir
    Path folder;

    @BeforeAll
    static void reviewOnABranch(@TempDir Path folder) {
        fixtures = new ReviewFixtures();
        ReviewPolicy policy = ReviewPolicy.defaults().with(PolicyOverrides.from("test").level(Rule.DESTRUCTIVE, Level.WARN));
        onBranch = fixtures.reviewOnBranch(folder, ReviewOptions.defaults().withPolicy(policy), INDEX, REWRITE, DROP);
    }

    @AfterAll
    static void closeProvider() {
        fixtures.close();
    }

    @Test
    void reviewRunsOnABranchAsItsRoleAndNeverChangesTheParent() {
        assertThat(onBranch.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(onBranch.complete()).isTrue();
        assertThat(onBranch.findings()).extracting(Finding::rule).containsExactly(Rule.BLOCKING_INDEX, Rule.REWRITE, Rule.DESTRUCTIVE);
        assertThat(onBranch.findings()).extracting(Finding::level).containsExactly(Level.FAIL, Level.FAIL, Level.WARN);
        assertThat(fixtures.progress()).anyMatch(line -> line.startsWith("reviewing the migrations on review-"))
                .contains("review: FAIL (3 finding(s))");
        assertThat(TestProviders.databaseExists(onBranch.database())).as("the branch is deleted").isFalse();

        String parent = fixtures.parent();
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer_idx'")).isZero();
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")).isZero();
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
                + "AND column_name = 'note'")).isOne();
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
                + "AND column_name = 'amount' AND data_type = 'integer'")).isOne();
    }

    @Test
    void jsonCarriesTheDocumentedFields() throws Exception {
        JsonNode json = ReportJson.mapper().readTree(ReportJson.write(onBranch));

        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("lockSampleIntervalMs").asLong()).isEqualTo(ReviewOptions.DEFAULT_SAMPLE_MS);
        assertThat(json.get("scale").asText()).contains("production's concurrent load is not simulated");
        assertThat(json.get("migrations").get(0).get("sizeChangeBytes").asLong()).as("the index's size").isPositive();
        JsonNode migration = json.get("migrations").get(1);
        assertThat(migration.get("script").asText()).isEqualTo("V3__step_3.sql");
        assertThat(migration.get("durationMs").asLong()).isPositive();
        JsonNode finding = migration.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("rewrite");
        assertThat(finding.get("level").asText()).isEqualTo("fail");
        assertThat(finding.get("relation").asText()).isEqualTo("public.orders");
        assertThat(finding.get("lockMode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(finding.get("heldMs").asLong()).isPositive();
        assertThat(finding.get("rewritten").asBoolean()).isTrue();
        assertThat(finding.get("sizeBytes").asLong()).isGreaterThan(10L << 20);
        assertThat(finding.get("message").asText()).contains("rewritten under ACCESS EXCLUSIVE");
    }

    @Test
    void junitXmlHasATestCasePerMigrationAndRuleWithFailuresAndSkippedWarnings() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(ReviewJunitXml.render(onBranch).getBytes(StandardCharsets.UTF_8)));

        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3 * Rule.values().length);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("system-out").item(0).getTextContent()).contains("verdict: FAIL", "every 10 ms");
    }

    @Test
    void markdownHasTheVerdictTheFindingsTheMigrationsAndTheHonestyNote() {
        String markdown = ReviewMarkdown.render(onBranch);

        assertThat(markdown).startsWith("### Migration review: FAIL\n\n**FAIL**: 3 finding(s), 2 failing in 3 migration(s)")
                .contains("| FAIL | `blockingIndex` | V2__step_2.sql | public.orders | SHARE |")
                .contains("| WARN | `destructive` | V4__step_4.sql | public.orders |")
                .contains("| 3 | V3__step_3.sql |")
                .contains("production's concurrent load is not simulated", "sampled from `pg_locks` every 10 ms")
                .contains("`destructive: warn`");
        assertThat(ReviewMarkdown.render(onBranch)).as("deterministic").isEqualTo(markdown);
    }

    @Test
    void failingMigrationFailsTheReviewAndTheOnesBeforeItAreReviewed() {
        ReviewReport report = fixtures.review(folder, ReviewPolicy.defaults(), "ALTER TABLE customers ADD COLUMN tier text;",
                "ALTER TABLE orders ADD CONSTRAINT amount_negative CHECK (amount < 0);");

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.failure().script()).isEqualTo("V3__step_3.sql");
        assertThat(report.failure().sqlState()).isEqualTo("23514");
        assertThat(report.migrations()).extracting(ReviewedMigration::failed).containsExactly(false, true);
        assertThat(report.findings()).isEmpty();
        assertThat(ReviewJunitXml.render(report)).contains("name=\"migration\"", "<error ", "type=\"SQLSTATE 23514\"");
    }

    @Test
    void everythingOffPassesWhatWouldOtherwiseFail() {
        ReviewPolicy off = ReviewPolicy.defaults().with(PolicyOverrides.from("test").all(Level.OFF));

        ReviewReport report = fixtures.review(folder, off, INDEX, REWRITE);

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.findings()).isEmpty();
        assertThat(report.migrations().get(1).relations()).singleElement().satisfies(impact -> assertThat(impact.rewritten()).isTrue());
        assertThat(ReviewJunitXml.render(report)).doesNotContain("<testcase");
    }

    @Test
    void warnLevelMakesTheVerdictWarn() {
        ReviewReport report = fixtures.review(folder, "blockingIndex: warn", INDEX);

        assertThat(report.verdict()).isEqualTo(Verdict.WARN);
        assertThat(report.findings()).extracting(Finding::level).containsExactly(Level.WARN);
    }

    @Test
    void migrationThatKillsTheObserverStillAppliesAndTheReviewSaysWhatItMissed() {
        ReviewReport report = fixtures.review(folder, ReviewPolicy.defaults(),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dbbranch-review-observer';",
                "ALTER TABLE customers ADD COLUMN tier text;");

        assertThat(report.failure()).isNull();
        assertThat(report.migration().applied()).hasSize(2);
        assertThat(report.complete()).isFalse();
        assertThat(report.verdict()).as("nothing found is not nothing there").isEqualTo(Verdict.WARN);
        assertThat(report.notes()).anyMatch(note -> note.startsWith("lock sampling stopped after"))
                .anyMatch(note -> note.startsWith("the catalog could not be read"));
    }
}
