package io.dbbranch.engine.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.migration.MigrationFixtures;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.UpstreamMigration;
import io.dbbranch.engine.migration.UpstreamMigrationException;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamReportText;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.review.policy.PolicyFile;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrateUpstream with a reviewed rehearsal: a failing review keeps the parent as it is, unless overridden. The
 * parent is small; the policy calls every table with a row big, so the rule mechanics (tested on 200 000 rows in
 * {@link ReviewRulesTest}) apply without the wait.
 */
class UpstreamReviewTest {
    private static final String INDEX_COUNT = "SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_name_idx'";
    private static final ReviewOptions REVIEW = ReviewOptions.defaults()
            .withPolicy(ReviewPolicy.defaults().with(PolicyFile.parse("bigTable.rows: 1", "test")));

    @Test
    void failingReviewLeavesTheParentUntouchedUntilExplicitlyOverridden(@TempDir Path folder) throws IOException {
        String parent = MigrationFixtures.seededParent("main");
        TestPostgres.execute(parent, "ANALYZE customers");
        Files.writeString(folder.resolve("V2__index_customer_names.sql"), "CREATE INDEX customers_name_idx ON customers (name);");
        MigrationOptions options = MigrationFixtures.options("base").location(folder).build();
        List<String> progress = new ArrayList<>();
        try (PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(10))) {
            UpstreamMigration upstream = new UpstreamMigration(provider, progress::add);

            assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options).review(REVIEW).build()))
                    .isInstanceOfSatisfying(UpstreamMigrationException.class, failure -> {
                        assertThat(failure.report().outcome()).isEqualTo(UpstreamReport.Outcome.REVIEW_FAILED);
                        assertThat(failure.report().review().findings()).extracting(Finding::rule).containsExactly(Rule.BLOCKING_INDEX);
                        assertThat(failure.report().restorePoint()).isNull();
                    })
                    .hasMessageContaining("says FAIL, so " + parent + " was not touched (it stays at version 1)")
                    .hasMessageContaining("fail blockingIndex in V2__index_customer_names.sql: index customers_name_idx built on "
                            + "public.customers")
                    .hasMessageContaining("instead: CREATE INDEX CONCURRENTLY customers_name_idx")
                    .hasMessageContaining("migrateDespiteFailedReview");
            assertThat(TestPostgres.queryLong(parent, INDEX_COUNT)).isZero();
            assertThat(MigrationFixtures.schemaVersion(parent)).isEqualTo(1);

            UpstreamReport report = upstream.run(UpstreamRequest.builder(parent, options).review(REVIEW)
                    .migrateDespiteFailedReview(true).build());

            assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
            assertThat(report.review().verdict()).isEqualTo(Verdict.FAIL);
            assertThat(report.warnings()).anyMatch(warning -> warning.contains("migrating anyway as asked"));
            assertThat(UpstreamReportText.render(report)).contains("review of the rehearsal: FAIL, 1 finding(s)");
            assertThat(TestPostgres.queryLong(parent, INDEX_COUNT)).isOne();
            assertThat(progress).contains("review of the rehearsal: FAIL (1 finding(s))");
        }
    }
}
