package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in a child JVM, stopped with SIGTERM (as a CI runner cancelling a job does) while its command runs. */
class RunSignalTest {

    @Test
    void sigtermStopsTheCommandAndDeletesTheBranch(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("sigterm");
        Path started = folder.resolve("started");
        ChildCli cli = ChildCli.start(Cli.postgres(), folder.resolve("cli.log"), "run", "--parent", parent, "--name", name, "--",
                "sh", "-c", "echo \"$PGDATABASE\" > " + started + ".tmp && mv " + started + ".tmp " + started + " && exec sleep 300");
        try {
            cli.awaitWhileRunning(() -> Files.exists(started), "the command started");
            assertThat(Files.readString(started).trim()).isEqualTo(name);
            List<ProcessHandle> children = cli.process().descendants().toList();
            assertThat(children).as("the command runs").isNotEmpty();

            cli.process().destroy();

            assertThat(cli.exit()).as(cli.output()).isEqualTo(143);
            assertThat(cli.output()).contains("cleaning up first").contains("deleted branch " + name);
            assertThat(TestProviders.databaseExists(name)).isFalse();
            assertThat(TestProviders.roleExists(name)).isFalse();
            assertThat(children).as("the command was stopped too").noneMatch(ProcessHandle::isAlive);
        } finally {
            cli.destroy();
        }
    }
}
