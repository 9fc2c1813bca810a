package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After merge: rehearse, then migrate the parent, then undo it with the restore point it recorded. */
class MigrateUpstreamCommandTest {
    private static final String STATUS_COLUMNS = "SELECT count(*) FROM information_schema.columns "
            + "WHERE table_name = 'final_entities' AND column_name = 'status'";

    @Test
    void aDryRunRehearsesAndTheRealRunMigratesTheParentWithARestorePointToGoBackTo() {
        String parent = parentWithCatalogue(6);
        String[] migration = {"--parent", parent, "--locations", Cli.sampleMigrations().toString(), "--baseline-on-migrate",
                "--baseline-version", "0"};

        CliResult rehearsed = Cli.run(Cli.archiving(), concat(new String[] {"migrate-upstream", "--dry-run", "--json"}, migration));
        assertThat(rehearsed.exit()).as(rehearsed.toString()).isZero();
        assertThat(rehearsed.json().get("outcome").asText()).isEqualTo("REHEARSED");
        assertThat(TestHistory.queryLong(parent, STATUS_COLUMNS)).as("a dry run never touches the parent").isZero();

        CliResult migrated = Cli.run(Cli.archiving(), concat(new String[] {"migrate-upstream"}, migration));
        assertThat(migrated.exit()).as(migrated.toString()).isZero();
        assertThat(migrated.out()).startsWith("migrateUpstream " + parent + ": MIGRATED").contains("restore point: dbbranch-migrate-");
        assertThat(TestHistory.queryLong(parent, STATUS_COLUMNS)).isEqualTo(1);

        String point = TestHistory.queryString(parent, "SELECT name FROM dbbranch.restore_points ORDER BY created_at DESC LIMIT 1");
        String before = TestProviders.uniqueName("premigration");
        CliResult restored = Cli.run(Cli.archiving(), "restore", "--branch", parent, "--restore-point", point, "--into", before,
                "--verify", STATUS_COLUMNS, "--expect", "0", "--json");
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.json().get("verification").get("met").asBoolean()).isTrue();
        Cli.run(Cli.archiving(), "delete", before);
    }

    @Test
    void aFailingRehearsalLeavesTheParentUntouchedAndExitsWith13(@TempDir Path folder) throws Exception {
        String parent = parentWithCatalogue(2);
        Files.writeString(folder.resolve("V1__make_name_unique_and_short.sql"),
                "ALTER TABLE final_entities ALTER COLUMN name TYPE varchar(3);");

        CliResult failed = Cli.run(Cli.archiving(), "migrate-upstream", "--parent", parent, "--locations", folder.toString(),
                "--baseline-on-migrate", "--baseline-version", "0", "--json");

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(13);
        JsonNode report = failed.json();
        assertThat(report.get("outcome").asText()).isEqualTo("REHEARSAL_FAILED");
        assertThat(failed.error()).contains("was not touched");
        assertThat(TestHistory.queryLong(parent, "SELECT character_maximum_length IS NULL::int FROM information_schema.columns "
                + "WHERE table_name = 'final_entities' AND column_name = 'name'")).isEqualTo(1);
    }

    /** A database of the history cluster with the demo's catalogue table, which the sample migrations expect. */
    private static String parentWithCatalogue(int rows) {
        String database = TestProviders.uniqueName("upstream");
        TestHistory.execute("postgres", "CREATE DATABASE \"" + database + "\"");
        TestHistory.execute(database, "CREATE TABLE final_entities (id bigint PRIMARY KEY, name text NOT NULL, kind text NOT NULL, "
                        + "created_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO final_entities (id, name, kind) SELECT g, 'entity ' || g, 'active' FROM generate_series(1, " + rows + ") g");
        return database;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
