package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {

    @Test
    void migrateAppliesTheSampleMigrationsToABranchAndReportsEach() {
        String parent = TestProviders.parentWithEntities(5);
        String branch = TestProviders.uniqueName("migrated");
        Cli.run(Cli.postgres(), "create", branch, "--parent", parent);

        CliResult migrated = Cli.run(Cli.postgres(), "migrate", branch, "--locations", Cli.sampleMigrations().toString(),
                "--baseline-on-migrate", "--baseline-version", "0", "--json");

        assertThat(migrated.exit()).as(migrated.toString()).isZero();
        JsonNode report = migrated.json();
        assertThat(report.get("versionAfter").asText()).isEqualTo("3");
        assertThat(report.get("applied").findValuesAsText("script"))
                .containsExactly("V1__create_final_entities.sql", "V2__add_entity_status.sql", "V3__backfill_reviewed_at.sql");
        assertThat(report.get("applied").get(2).get("rowsAffected").asLong()).isEqualTo(5);
        assertThat(TestPostgres.queryLong(branch, "SELECT count(*) FROM final_entities WHERE status = 'active'")).isEqualTo(5);
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'final_entities' AND column_name = 'status'"))
                .as("the parent is untouched").isZero();

        CliResult again = Cli.run(Cli.postgres(), "migrate", branch, "--locations", Cli.sampleMigrations().toString());
        assertThat(again.out()).contains(branch + ": schema version 3 → 3, up to date, nothing applied");
    }

    @Test
    void aFailingMigrationPrintsWhatWasAppliedAndExitsWith13(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String branch = TestProviders.uniqueName("broken");
        Cli.run(Cli.postgres(), "create", branch, "--parent", parent);
        Files.writeString(folder.resolve("V1__add_note.sql"), "ALTER TABLE final_entities ADD COLUMN note text;");
        Files.writeString(folder.resolve("V2__typo.sql"), "ALTER TABLE final_entitys ADD COLUMN other text;");

        CliResult failed = Cli.run(Cli.postgres(), "migrate", branch, "--locations", folder.toString(), "--baseline-on-migrate",
                "--baseline-version", "0");

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(13);
        assertThat(failed.out()).contains("V1__add_note.sql");
        assertThat(failed.error()).contains("V2__typo.sql").contains("final_entitys");
    }

    @Test
    void aMissingFolderIsRefused() {
        String parent = TestProviders.parentWithEntities(1);
        String branch = TestProviders.uniqueName("nofolder");
        Cli.run(Cli.postgres(), "create", branch, "--parent", parent);

        CliResult failed = Cli.run(Cli.postgres(), "migrate", branch, "--locations", "no/such/folder");

        assertThat(failed.exit()).isEqualTo(3);
        assertThat(failed.error()).contains("no/such/folder");
    }
}
