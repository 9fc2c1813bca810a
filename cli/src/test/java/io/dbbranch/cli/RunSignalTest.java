package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestProviders;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in a child JVM, stopped with SIGTERM (as a CI runner cancelling a job does) while its command runs. */
class RunSignalTest {

    @Test
    void sigtermStopsTheCommandAndDeletesTheBranch(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("sigterm");
        Path started = folder.resolve("started");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath(), DbBranch.class.getName(),
                "run", "--parent", parent, "--name", name, "--",
                "sh", "-c", "echo \"$PGDATABASE\" > " + started + ".tmp && mv " + started + ".tmp " + started + " && exec sleep 300"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("cli.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(Cli.postgres());
        Process cli = builder.start();
        try {
            awaitFile(started, cli, folder.resolve("cli.log"));
            assertThat(Files.readString(started).trim()).isEqualTo(name);
            List<ProcessHandle> children = cli.descendants().toList();
            assertThat(children).as("the command runs").isNotEmpty();

            cli.destroy();

            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("the CLI exits after SIGTERM").isTrue();
            String log = Files.readString(folder.resolve("cli.log"));
            assertThat(cli.exitValue()).as(log).isEqualTo(143);
            assertThat(log).contains("cleaning up first").contains("deleted branch " + name);
            assertThat(TestProviders.databaseExists(name)).isFalse();
            assertThat(TestProviders.roleExists(name)).isFalse();
            assertThat(children).as("the command was stopped too").noneMatch(ProcessHandle::isAlive);
        } finally {
            cli.destroyForcibly();
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void awaitFile(Path file, Process cli, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            if (!cli.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the command never started:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire may hide the real class path behind a manifest-only jar; it publishes it here. */
    private static String classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, path.split(File.pathSeparator));
    }
}
