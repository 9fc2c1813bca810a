package io.dbbranch.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The CLI in a child JVM of its own, so that a test can signal or kill it as a CI runner does. */
final class ChildCli {
    private final Process process;
    private final Path log;

    private ChildCli(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code dbbranch args…} with exactly {@code environment}; stdout and stderr go to {@code log}. */
    static ChildCli start(Map<String, String> environment, Path log, String... args) throws IOException {
        // C1 only and the serial collector: a short CLI run needs little of C2 or parallel GC, and tests start many.
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath(), DbBranch.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new ChildCli(builder.start(), log);
    }

    Process process() {
        return process;
    }

    /** Sends a signal by name, e.g. {@code INT} (Ctrl-C), {@code TERM} or {@code KILL}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    /** Waits (at most a minute) for the CLI to exit and returns its exit code. */
    int exit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the CLI did not exit:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits (at most a minute) until {@code condition} holds; fails with the output if the CLI ends first. */
    void awaitWhileRunning(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what + "\n" + output());
            }
            Thread.sleep(50);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Kills the CLI and what it started, if still running. */
    void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
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
