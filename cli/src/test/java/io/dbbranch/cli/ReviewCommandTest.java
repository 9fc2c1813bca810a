package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code dbbranch review}, {@code run --migrate … --review} and {@code migrate-upstream}'s review, end to end on one
 * parent shaped like production: {@code orders} has 200 000 rows, a big table by the default policy.
 */
class ReviewCommandTest {
    private static final int ORDERS = 200_000;
    private static final String REWRITE = "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;";
    private static final String AMOUNT_TYPE = "SELECT (data_type = 'integer')::int FROM information_schema.columns "
            + "WHERE table_name = 'orders' AND column_name = 'amount'";
    private static String parent;

    @BeforeAll
    static void parentWithABigTable() {
        parent = TestProviders.uniqueName("review-cli");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + parent + "\"");
        TestPostgres.execute(parent,
                "CREATE TABLE orders (id int PRIMARY KEY, amount int NOT NULL, note text)",
                "INSERT INTO orders SELECT i, i % 997, 'order ' || i FROM generate_series(1, " + ORDERS + ") i",
                "ANALYZE orders");
        // Version 1 stands for the schema as it is, as in a repository whose first migration made it.
        LocalCluster cluster = TestPostgres.cluster();
        Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:" + cluster.start() + "/" + parent, LocalCluster.ADMIN_USER,
                cluster.adminPassword().reveal()).load().baseline();
    }

    @Test
    void aSafeMigrationPassesWithExitZeroAndTheJsonReport(@TempDir Path folder) throws Exception {
        Path migrations = migrations(folder, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;");

        CliResult review = Cli.run(Cli.postgres(), "review", "--parent", parent, "--locations", migrations.toString(), "--json");

        assertThat(review.exit()).as(review.toString()).isZero();
        JsonNode report = review.json();
        assertThat(report.get("verdict").asText()).isEqualTo("PASS");
        assertThat(report.get("migrations")).hasSize(1);
        assertThat(report.get("migrations").get(0).get("script").asText()).isEqualTo("V2__change.sql");
        assertThat(report.get("policy").get("rewrite").asText()).isEqualTo("fail");
        assertThat(report.get("lockSampleIntervalMs").asLong()).isEqualTo(10);
        assertThat(report.get("scale").asText()).contains("concurrent load is not simulated");
        assertThat(review.err()).as("--json is quiet").isEmpty();
        assertParentUntouchedAndNoBranchLeft();
    }

    @Test
    void aRewriteOfTheBigTableFailsWithItsReportsWritten(@TempDir Path folder) throws Exception {
        Path migrations = migrations(folder, REWRITE);
        Path markdown = folder.resolve("reports/review.md");
        Path junit = folder.resolve("reports/review.xml");

        CliResult review = Cli.run(Cli.postgres(), "review", "--parent", parent, "--locations", migrations.toString(), "--markdown", markdown.toString(), "--junit", junit.toString());

        assertThat(review.exit()).as(review.toString()).isEqualTo(ExitCodes.REVIEW_FAILED);
        assertThat(review.error()).contains("the review says FAIL").contains("rewritten");
        String text = Files.readString(markdown);
        assertThat(text).startsWith("### Migration review: FAIL").contains("`rewrite`").contains("orders")
                .containsPattern("\\| 2 \\| V2__change.sql \\| \\d+(\\.\\d+)? (ms|s) \\|");
        assertThat(review.out()).as("the report is printed too").isEqualTo(text.endsWith("\n") ? text : text + "\n");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("failure").getLength()).isPositive();
        assertThat(xml.getDocumentElement().getAttribute("failures")).isNotEqualTo("0");
        assertParentUntouchedAndNoBranchLeft();
    }

    @Test
    void aRuleRelaxedOnTheCommandLineTurnsTheFailIntoAWarning(@TempDir Path folder) throws Exception {
        Path migrations = migrations(folder, REWRITE);
        String[] review = {"review", "--parent", parent, "--locations", migrations.toString(), "--allow", "rewrite", "--review-rule", "exclusiveLock=off", "--json"};

        CliResult warned = Cli.run(Cli.postgres(), review);
        CliResult strict = Cli.run(Cli.postgres(), concat(review, "--fail-on", "warn"));

        assertThat(warned.exit()).as(warned.toString()).isZero();
        assertThat(warned.json().get("verdict").asText()).isEqualTo("WARN");
        assertThat(warned.err()).contains("dbbranch: warning: the review says WARN");
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(ExitCodes.REVIEW_WARNED);
    }

    @Test
    void runWithAFailingReviewDoesNotRunTheCommand(@TempDir Path folder) throws Exception {
        Path migrations = migrations(folder, REWRITE);
        Path marker = folder.resolve("ran");

        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", parent, "--migrate", migrations.toString(), "--review",
                "--", "touch", marker.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.REVIEW_FAILED);
        assertThat(marker).doesNotExist();
        assertThat(run.err()).as("the report on stderr").contains(": FAIL, 1 finding(s)").contains("instead: ");
        assertThat(run.error()).contains("touch was not run");
        assertParentUntouchedAndNoBranchLeft();
    }

    @Test
    void aBadPolicyFileIsRefusedNamingTheLine(@TempDir Path folder) throws Exception {
        Path migrations = migrations(folder, REWRITE);
        Path policy = Files.writeString(folder.resolve("policy"), "# ours\nrewrite: fail\nexclusivelock: sometimes\n");

        CliResult review = Cli.run(Cli.postgres(), "review", "--parent", parent, "--locations", migrations.toString(),
                "--policy", policy.toString());

        assertThat(review.exit()).as(review.toString()).isEqualTo(3);
        assertThat(review.error()).startsWith("dbbranch: Read the review policy " + policy)
                .contains("line 3 'exclusivelock: sometimes'");
    }

    @Test
    void migrateUpstreamRefusesAFailingReviewAndPrintsTheFindings(@TempDir Path folder) throws Exception {
        Path migrations = migrations(folder, REWRITE);

        CliResult upstream = Cli.run(Cli.postgres(), "migrate-upstream", "--parent", parent, "--locations", migrations.toString());

        assertThat(upstream.exit()).as(upstream.toString()).isEqualTo(ExitCodes.REVIEW_FAILED);
        assertThat(upstream.out()).contains("review of the rehearsal: FAIL").contains("orders");
        assertParentUntouchedAndNoBranchLeft();
    }

    private static void assertParentUntouchedAndNoBranchLeft() {
        assertThat(TestPostgres.queryLong(parent, AMOUNT_TYPE)).as("the parent keeps its int column").isEqualTo(1);
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM flyway_schema_history"))
                .as("the parent's history holds only its baseline").isEqualTo(1);
        CliResult list = Cli.run(Cli.postgres(), "list", "--json");
        assertThat(StreamSupport.stream(list.json().spliterator(), false).filter(branch -> parent.equals(branch.path("parent").asText())))
                .as("branches of the parent left behind").isEmpty();
    }

    /** A folder with the one migration {@code V2__change.sql} (V1 is the parent's baseline). */
    private static Path migrations(Path folder, String sql) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V2__change.sql"), sql);
        return migrations;
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
