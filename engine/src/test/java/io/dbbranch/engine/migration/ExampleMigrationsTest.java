package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample migrations the CLI demo uses (examples/migrations) run on the demo's seeded table. */
class ExampleMigrationsTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "migrations").toAbsolutePath().normalize();
    private static final int SEED_ROWS = 32;

    @Test
    void examplesApplyToTheDemosPreMadeTableAfterABaselineAtVersionZero() {
        assertThat(Files.isDirectory(EXAMPLES)).as("examples at %s", EXAMPLES).isTrue();
        String branch = MigrationFixtures.branchOf(TestProviders.parentWithEntities(SEED_ROWS));

        MigrationReport report = new Migrator(target(branch), demoOptions()).migrate();

        assertThat(report.applied()).extracting(AppliedMigration::script).containsExactly("V1__create_final_entities.sql",
                "V2__add_entity_status.sql", "V3__backfill_reviewed_at.sql");
        assertThat(report.applied().get(2).rowsAffected()).isEqualTo(SEED_ROWS);
        assertThat(TestPostgres.queryLong(branch, "SELECT count(*) FROM final_entities WHERE status = 'active' "
                + "AND reviewed_at = created_at")).isEqualTo(SEED_ROWS);
    }

    @Test
    void examplesGoUpstreamOnTheLocalProviderAfterARehearsal() {
        String parent = TestProviders.parentWithEntities(SEED_ROWS);
        try (LocalProvider local = TestProviders.local()) {
            UpstreamReport report = new UpstreamMigration(local, message -> { })
                    .run(UpstreamRequest.builder(parent, demoOptions()).holder("demo").build());

            assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
            assertThat(report.schemaChanges().canDropData()).isFalse();
            assertThat(report.migration().versionAfter()).isEqualTo("3");
            assertThat(UpstreamReportText.render(report)).contains("MIGRATED", "schema changes: ", "none destructive",
                    "restore point: dbbranch-migrate-" + parent);
        }
    }

    private static MigrationOptions demoOptions() {
        return MigrationOptions.builder().location(EXAMPLES).baselineOnMigrate(true).baselineVersion("0").build();
    }
}
