package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @Test
    void theCommandSeesTheLeaseVariablesItsExitCodeIsReturnedAndTheBranchIsGone() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("run");

        CliResult run = Cli.run(Cli.local(), "run", "--parent", parent, "--name", name, "--",
                "sh", "-c", "echo \"$PGDATABASE $PGUSER $DB_BRANCH_PARENT\"; exit 3");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains(name + " " + name + " " + parent);
        assertThat(run.err()).contains("deleted branch " + name).contains("sh exited with 3");
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }

    @Test
    void optionsAfterTheCommandBelongToIt() {
        String parent = TestProviders.parentWithEntities(1);

        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", parent, "sh", "-c", "echo --json $DB_BRANCH_NAME");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("--json ci-");
    }

    @Test
    void theCommandCanLogInWithTheVariablesItIsGiven(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(4);
        String name = TestProviders.uniqueName("kept");
        Path env = folder.resolve("env");

        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", name, "--keep", "always", "--",
                "sh", "-c", "env > " + env);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).contains("kept branch " + name);
        Map<String, String> variables = Files.readAllLines(env).stream().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1),
                        (a, b) -> b));
        Properties login = new Properties();
        login.setProperty("user", variables.get("PGUSER"));
        login.setProperty("password", variables.get("PGPASSWORD"));
        String url = "jdbc:postgresql://" + variables.get("PGHOST") + ":" + variables.get("PGPORT") + "/" + variables.get("PGDATABASE")
                + "?sslmode=" + variables.get("PGSSLMODE");
        try (Connection session = DriverManager.getConnection(url, login);
             ResultSet rows = session.createStatement().executeQuery("SELECT count(*) FROM final_entities")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(4);
        }
        assertThat(Cli.run(Cli.postgres(), "delete", name).exit()).isZero();
    }

    @Test
    void aFailingCommandKeepsItsBranchOnlyWhenAskedTo() {
        String parent = TestProviders.parentWithEntities(1);
        String kept = TestProviders.uniqueName("on-failure");
        String passed = TestProviders.uniqueName("passed");

        CliResult failed = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", kept, "--keep", "on-failure", "--", "false");
        CliResult succeeded = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", passed, "--keep", "on-failure", "--", "true");

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(TestProviders.databaseExists(kept)).isTrue();
        assertThat(succeeded.exit()).isZero();
        assertThat(TestProviders.databaseExists(passed)).isFalse();
        Cli.run(Cli.postgres(), "delete", kept);
    }

    @Test
    void aCommandThatCannotStartFailsClearlyAndLeavesNothing() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("nocmd");

        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", name, "--", "no-such-command-dbbranch");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.error()).startsWith("dbbranch: Run 'no-such-command-dbbranch': it could not be started");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void migrationsRunOnTheBranchBeforeTheCommand() {
        String root = TestProviders.uniqueName("empty-root");
        Cli.run(Cli.postgres(), "create", root);
        String name = TestProviders.uniqueName("migrated-run");

        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", root, "--name", name, "--keep", "always",
                "--migrate", Cli.sampleMigrations().toString(), "--", "sh", "-c", "echo command ran");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).contains(name + ": schema version <none> → 3, 3 migrations applied");
        assertThat(run.out()).isEqualTo("command ran\n");
        assertThat(TestPostgres.queryLong(name, "SELECT max(version::int) FROM flyway_schema_history")).isEqualTo(3);
        assertThat(TestPostgres.queryLong(root, "SELECT count(*) FROM pg_tables WHERE tablename = 'final_entities'")).isZero();
        Cli.run(Cli.postgres(), "delete", name);
    }

    @Test
    void aFailingMigrationStopsTheRunBeforeTheCommandAndTearsDown(@TempDir Path folder) throws Exception {
        String parent = TestProviders.uniqueName("bare-root");
        Cli.run(Cli.postgres(), "create", parent);
        String name = TestProviders.uniqueName("bad-migration");
        Path marker = folder.resolve("ran");
        Files.writeString(folder.resolve("V1__broken.sql"), "ALTER TABLE no_such_table ADD COLUMN x int;");

        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", name, "--migrate", folder.toString(), "--",
                "touch", marker.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(13);
        assertThat(run.error()).contains("V1__broken.sql").contains("no_such_table");
        assertThat(marker).doesNotExist();
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void anUnknownParentFailsBeforeAnythingRuns() {
        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", TestProviders.uniqueName("ghost"), "--", "true");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.error()).contains("there is no database");
    }
}
