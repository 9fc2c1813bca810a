package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user's command with extra environment variables and returns its exit code. When the waiting thread is
 * interrupted (Ctrl-C, SIGTERM), the command and its descendants get SIGTERM, then SIGKILL after a grace period.
 */
final class ChildCommand {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final CliContext context;

    ChildCommand(CliContext context) {
        this.context = context;
    }

    /**
     * @throws InterruptedException when interrupted; the process has been stopped by then
     */
    int run(List<String> command, Map<String, String> environment) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before starting " + command.get(0));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(context.workingDirectory().toFile());
        builder.environment().putAll(environment);
        if (context.inheritStreams()) {
            builder.inheritIO();
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Run '" + String.join(" ", command) + "'",
                    "it could not be started: " + e.getMessage(), "Check the command's name and PATH", e);
        }
        List<Thread> copiers = context.inheritStreams() ? List.of() : copyOutput(process);
        try {
            int exit = process.waitFor();
            for (Thread copier : copiers) {
                copier.join();
            }
            return exit;
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException again) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Copies the process's output into the context's writers (when not on a terminal); its stdin is empty. */
    private List<Thread> copyOutput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing to close: the process has ended already.
        }
        return List.of(copier(process.getInputStream(), context.out(), "stdout"),
                copier(process.getErrorStream(), context.err(), "stderr"));
    }

    private static Thread copier(InputStream from, PrintWriter to, String name) {
        Thread thread = new Thread(() -> {
            char[] buffer = new char[8192];
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                int read;
                while ((read = reader.read(buffer)) >= 0) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException e) {
                // The process ended or was killed: its output ends here.
            }
        }, "dbbranch-child-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
