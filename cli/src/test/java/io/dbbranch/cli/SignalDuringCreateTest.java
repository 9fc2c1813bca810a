package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM while a branch is being made (its SQL cannot be interrupted) leaves neither the branch nor its
 * role behind. The test holds the create at its {@code CREATE ROLE} with a lock on {@code pg_authid}, signals the CLI,
 * and lets the SQL finish only once the CLI has begun stopping.
 */
class SignalDuringCreateTest {

    @Test
    void ctrlCDuringCreateLeavesNoBranchAndNoRole(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("sigint-create");

        ChildCli cli = stoppedWhileMakingTheRole(name, "INT", folder, "create", name, "--parent", parent);

        assertThat(cli.exit()).as(cli.output()).isEqualTo(130);
        assertThat(cli.output()).contains("cleaning up first", "Create branch '" + name + "' of '" + parent + "': interrupted")
                .doesNotContain("created branch");
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }

    @Test
    void sigtermDuringTheOpeningOfRunLeavesNoBranchAndNoRole(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("sigterm-open");
        Path ran = folder.resolve("ran");

        ChildCli cli = stoppedWhileMakingTheRole(name, "TERM", folder, "run", "--parent", parent, "--name", name, "--",
                "touch", ran.toString());

        assertThat(cli.exit()).as(cli.output()).isEqualTo(143);
        assertThat(cli.output()).contains("cleaning up first", "interrupted");
        assertThat(ran).as("the command never ran").doesNotExist();
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }

    private static ChildCli stoppedWhileMakingTheRole(String name, String signal, Path folder, String... args) throws Exception {
        ChildCli cli;
        try (Connection holder = TestPostgres.cluster().connectAdmin("postgres"); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            // CREATE ROLE needs ROW EXCLUSIVE on pg_authid; logins only read it, so they go on.
            lock.execute("LOCK TABLE pg_catalog.pg_authid IN SHARE MODE");
            cli = ChildCli.start(Cli.postgres(), folder.resolve("cli.log"), args);
            try {
                cli.awaitWhileRunning(() -> waitsForTheLock("CREATE ROLE " + '"' + name + '"'), "the create waits at CREATE ROLE");
                cli.signal(signal);
                cli.awaitWhileRunning(() -> cli.output().contains("cleaning up first"), "the CLI begins to stop");
            } catch (Exception | Error e) {
                cli.destroy();
                throw e;
            } finally {
                holder.rollback();
            }
        }
        return cli;
    }

    private static boolean waitsForTheLock(String statementStart) {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND starts_with(query, '" + statementStart.replace("'", "''") + "')") > 0;
    }
}
