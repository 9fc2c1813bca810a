package io.dbbranch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may see of the world: its environment variables, its working folder and its two output streams.
 * Passed in rather than read from {@link System}, so tests run commands in-process with an environment of their own.
 *
 * @param environment the environment variables (never modified)
 * @param workingDirectory the folder relative paths are resolved against
 * @param out         data: tables and JSON
 * @param err         progress, notes and errors
 * @param inheritStreams whether commands started by {@code run} use this process's stdin, stdout and stderr directly
 *                       (a real terminal), or get their output copied into {@code out} and {@code err} (tests)
 */
public record CliContext(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err,
                         boolean inheritStreams) {

    public CliContext {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The real process: {@link System#getenv()}, the current folder, stdout and stderr. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of(""), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                true);
    }

    /** Resolves a user-given path against the working folder. */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }
}
