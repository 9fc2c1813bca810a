package io.dbbranch.engine.host;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A short host command ({@code getent}, {@code useradd}, {@code rm}) run to its end, its output and error merged.
 *
 * @param exitCode its exit code
 * @param output   what it printed, trimmed
 */
public record HostCommand(int exitCode, String output) {

    /** Runs {@code command} in {@code directory} and waits for it. */
    public static HostCommand run(List<String> command, Path directory) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return new HostCommand(process.waitFor(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + command.get(0));
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
