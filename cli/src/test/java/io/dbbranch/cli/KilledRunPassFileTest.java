package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code run} killed with SIGKILL cannot remove its password file, which holds a token; deleting the branch
 * afterwards, by {@code delete} or by {@code reap}, removes it. Every CLI runs in a child JVM with the same environment,
 * so that all of them agree on where password files live.
 */
class KilledRunPassFileTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    @Test
    void deleteRemovesThePasswordFileOfAKilledRun(@TempDir Path folder) throws Exception {
        String name = TestProviders.uniqueName("killed-delete");
        Path passFile = killedRun(name, folder);

        ChildCli delete = ChildCli.start(Cli.postgres(), folder.resolve("delete.log"), "delete", name);

        assertThat(delete.exit()).as(delete.output()).isZero();
        assertThat(delete.output()).contains("removed the password file " + passFile);
        assertThat(passFile).doesNotExist();
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void reapRemovesThePasswordFileOfAKilledRunOnceItsBranchExpired(@TempDir Path folder) throws Exception {
        String name = TestProviders.uniqueName("killed-reap");
        Path passFile = killedRun(name, folder);
        // The killed run extended the expiry last at most one TTL ago.
        Thread.sleep(TTL.plusMillis(500).toMillis());

        ChildCli reap = ChildCli.start(Cli.postgres(), folder.resolve("reap.log"), "reap", "--prefix", name);

        assertThat(reap.exit()).as(reap.output()).isZero();
        assertThat(reap.output()).contains("reaped branch " + name, "removed the password file " + passFile);
        assertThat(passFile).doesNotExist();
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    /** Starts a run of {@code name} whose command waits, kills the CLI with SIGKILL, and returns its password file. */
    private static Path killedRun(String name, Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        Path started = folder.resolve("started");
        Map<String, String> environment = Cli.postgres();
        ChildCli run = ChildCli.start(environment, folder.resolve("run.log"), "run", "--parent", parent, "--name", name,
                "--ttl", TTL.toSeconds() + "s", "--", "sh", "-c",
                "echo \"$PGPASSFILE\" > " + started + ".tmp && mv " + started + ".tmp " + started + " && exec sleep 300");
        try {
            run.awaitWhileRunning(() -> Files.exists(started), "the command started");
            run.signal("KILL");
            run.exit();
        } finally {
            run.destroy();
        }
        Path passFile = Path.of(Files.readString(started).trim());
        assertThat(passFile).as("the killed run left its password file").exists();
        assertThat(TestProviders.databaseExists(name)).as("and its branch").isTrue();
        return passFile;
    }
}
