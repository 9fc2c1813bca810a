package io.dbbranch.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule is raised by the migration that should raise it, and not by the safe way to write the same change, on
 * a branch of a parent whose {@code orders} table holds 200 000 rows.
 */
class ReviewRulesTest {
    private static ReviewFixtures fixtures;
    @TempDir
    Path folder;

    @BeforeAll
    static void buildParent() {
        fixtures = new ReviewFixtures();
    }

    @AfterAll
    static void closeProvider() {
        fixtures.close();
    }

    @Test
    void typeChangeRewritesTheBigTableAndFails() {
        ReviewReport report = fixtures.review(folder, ReviewPolicy.defaults(), "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;");

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.REWRITE);
            assertThat(finding.level()).isEqualTo(Level.FAIL);
            assertThat(finding.relation()).isEqualTo("public.orders");
            assertThat(finding.rewritten()).isTrue();
            assertThat(finding.lockMode()).isEqualTo("ACCESS EXCLUSIVE");
            assertThat(finding.heldMs()).isPositive();
            assertThat(finding.sizeBytes()).isGreaterThan(10L << 20);
            assertThat(finding.rows()).isEqualTo(ReviewFixtures.ORDERS);
            assertThat(finding.message()).startsWith("public.orders (200 k rows, ").contains("rewritten under ACCESS EXCLUSIVE for ")
                    .endsWith("reads and writes to public.orders would wait that long");
            assertThat(finding.remedy()).contains("add a column of the new type, backfill it in batches");
        });
    }

    @Test
    void volatileDefaultRewritesButAConstantDefaultDoesNot() {
        ReviewReport volatileDefault = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE orders ADD COLUMN token float8 DEFAULT random();");
        ReviewReport constantDefault = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE orders ADD COLUMN flag int NOT NULL DEFAULT 0;");

        assertThat(rules(volatileDefault)).containsExactly(Rule.REWRITE);
        assertThat(volatileDefault.findings().get(0).remedy()).contains("volatile default");
        assertThat(constantDefault.verdict()).isEqualTo(Verdict.PASS);
        assertThat(constantDefault.findings()).isEmpty();
        assertThat(constantDefault.migrations().get(0).relations()).singleElement().satisfies(impact -> {
            assertThat(impact.lockMode()).isEqualTo("ACCESS EXCLUSIVE");
            assertThat(impact.rewritten()).isFalse();
        });
    }

    @Test
    void slowWorkInTheDdlTransactionHoldsAccessExclusiveTooLongButTheDdlAloneDoesNot() {
        // pg_sleep stands for a backfill of known length, so that the test does not depend on the machine's speed.
        ReviewReport slowWork = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE orders ADD COLUMN flag int;\nUPDATE orders SET flag = 1 WHERE id <= 1000;\nSELECT pg_sleep(1.2);");
        ReviewReport ddlOnly = fixtures.review(folder, ReviewPolicy.defaults(), "ALTER TABLE orders ADD COLUMN flag int;");

        assertThat(slowWork.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.EXCLUSIVE_LOCK);
            assertThat(finding.heldMs()).isGreaterThan(1000);
            assertThat(finding.rewritten()).isFalse();
            assertThat(finding.message()).contains("locked in ACCESS EXCLUSIVE mode for", "taken by statement 1: ALTER TABLE orders");
        });
        assertThat(slowWork.migrations().get(0).rowsAffected()).isEqualTo(1000);
        assertThat(ddlOnly.findings()).isEmpty();
    }

    @Test
    void triggerCreatedBeforeSlowWorkBlocksWritesTooLongButTheTriggerAloneDoesNot() {
        String trigger = "CREATE FUNCTION keep_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                + "CREATE TRIGGER orders_keep BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION keep_row();\n";
        ReviewReport slowWork = fixtures.review(folder, "writeLock: fail 1s", trigger + "SELECT pg_sleep(1.2);");
        ReviewReport triggerOnly = fixtures.review(folder, "writeLock: fail 1s", trigger);

        assertThat(slowWork.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.WRITE_LOCK);
            assertThat(finding.level()).isEqualTo(Level.FAIL);
            assertThat(finding.lockMode()).isEqualTo("SHARE ROW EXCLUSIVE");
            assertThat(finding.message()).contains("taken by statement 2: CREATE TRIGGER orders_keep",
                    "writes to public.orders would wait (reads go on) that long");
        });
        assertThat(triggerOnly.findings()).isEmpty();
    }

    @Test
    void indexWithoutConcurrentlyBlocksWritesButAConcurrentBuildDoesNot() {
        ReviewReport blocking = fixtures.review(folder, ReviewPolicy.defaults(), "CREATE INDEX orders_customer_idx ON orders (customer_id);");
        ReviewReport concurrent = fixtures.review(folder, ReviewPolicy.defaults(),
                "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);");

        assertThat(blocking.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.BLOCKING_INDEX);
            assertThat(finding.lockMode()).isEqualTo("SHARE");
            assertThat(finding.message()).startsWith("index orders_customer_idx built on public.orders (200 k rows, ")
                    .contains("without CONCURRENTLY: SHARE lock held for");
            assertThat(finding.remedy()).startsWith("CREATE INDEX CONCURRENTLY orders_customer_idx");
        });
        assertThat(concurrent.verdict()).isEqualTo(Verdict.PASS);
        assertThat(concurrent.migrations().get(0).transactional()).isFalse();
    }

    @Test
    void foreignKeyValidatedUnderLockFailsButNotValidThenValidateDoesNot() {
        // writeLock at 0 would report the referenced table's lock too, were the foreign key's finding not to explain it.
        ReviewReport direct = fixtures.review(folder, "writeLock: warn 0",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);");
        ReviewReport twoSteps = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;");

        assertThat(direct.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.VALIDATION_UNDER_LOCK);
            assertThat(finding.lockMode()).isEqualTo("SHARE ROW EXCLUSIVE");
            assertThat(finding.message()).startsWith("foreign key orders_customer_fk on public.orders")
                    .contains("writes to public.orders and public.customers would wait");
        });
        assertThat(twoSteps.findings()).isEmpty();
        assertThat(twoSteps.migrations().get(1).relations()).anySatisfy(impact ->
                assertThat(impact.lockMode()).isEqualTo("SHARE UPDATE EXCLUSIVE"));
    }

    @Test
    void checkAndSetNotNullScanUnderAccessExclusiveButAValidatedCheckFirstDoesNot() {
        ReviewReport direct = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE orders ADD CONSTRAINT amount_not_negative CHECK (amount >= 0);",
                "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;");
        ReviewReport safe = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE orders ADD CONSTRAINT note_present CHECK (note IS NOT NULL) NOT VALID;",
                "ALTER TABLE orders VALIDATE CONSTRAINT note_present;",
                "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT note_present;");

        assertThat(direct.findings()).extracting(Finding::script, Finding::rule, Finding::lockMode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V2__step_2.sql", Rule.VALIDATION_UNDER_LOCK, "ACCESS EXCLUSIVE"),
                org.assertj.core.groups.Tuple.tuple("V3__step_3.sql", Rule.VALIDATION_UNDER_LOCK, "ACCESS EXCLUSIVE"));
        assertThat(direct.findings().get(1).message()).startsWith("SET NOT NULL on public.orders.note checked every row");
        assertThat(safe.findings()).isEmpty();
    }

    @Test
    void droppingAColumnWithDataFailsButDroppingOneOfAnEmptyTableDoesNot() {
        ReviewReport loss = fixtures.review(folder, ReviewPolicy.defaults(), "ALTER TABLE orders DROP COLUMN note;");
        ReviewReport empty = fixtures.review(folder, ReviewPolicy.defaults(), "ALTER TABLE archive DROP COLUMN old;");

        assertThat(loss.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.DESTRUCTIVE);
            assertThat(finding.level()).isEqualTo(Level.FAIL);
            assertThat(finding.relation()).isEqualTo("public.orders");
            assertThat(finding.message()).startsWith("dropped column public.orders.note: drops the column and every value in it")
                    .contains("200 k rows");
        });
        assertThat(empty.findings()).isEmpty();
    }

    @Test
    void migrationLongerThanTheThresholdWarnsButNotUnderTheDefault() {
        String sql = "ALTER TABLE customers ADD COLUMN tier text;";
        ReviewReport tiny = fixtures.review(folder, "slowMigration: warn 0", sql);
        ReviewReport defaults = fixtures.review(folder, ReviewPolicy.defaults(), sql);

        assertThat(tiny.verdict()).isEqualTo(Verdict.WARN);
        assertThat(rules(tiny)).containsExactly(Rule.SLOW_MIGRATION);
        assertThat(tiny.findings().get(0).relation()).isNull();
        assertThat(defaults.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void smallTablesRaiseNothingForWhatWouldBeDangerousOnABigOne() {
        ReviewReport report = fixtures.review(folder, ReviewPolicy.defaults(),
                "ALTER TABLE customers ALTER COLUMN id TYPE bigint;",
                "CREATE INDEX customers_name_idx ON customers (name);",
                "ALTER TABLE customers ADD CONSTRAINT name_present CHECK (name <> '');");

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.migrations().get(0).relations()).anySatisfy(impact -> {
            assertThat(impact.relation()).isEqualTo("public.customers");
            assertThat(impact.rewritten()).isTrue();
        });
    }

    private static List<Rule> rules(ReviewReport report) {
        return report.findings().stream().map(Finding::rule).toList();
    }
}
