package io.dbbranch.bench.targets;

import io.dbbranch.engine.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The CPU priority a stand-in service runs at. The real Lakebase and Neon run on their own machines; an emulator
 * runs on the benchmark's cores, and at the same priority as the engine every wake-up of an engine thread waits behind
 * the emulator's PostgreSQL and handler threads, which a benchmark of the engine would then count as the engine's.
 *
 * <p>{@link #start} starts the service from a thread whose nice value is raised first (Linux: {@code renice} of the
 * thread's own id). On Linux a thread or process inherits its creator's nice value, so the emulator's server and worker
 * threads and its PostgreSQL server with every backend it forks run at that priority, and nothing else does.
 */
public final class ServicePriority {
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final int nice;

    private ServicePriority(int nice) {
        this.nice = nice;
    }

    /** The service at nice value {@code nice} (0: the engine's own priority; at most 19). */
    public static ServicePriority nice(int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("--service-nice must be 0 to 19, not " + nice);
        }
        return new ServicePriority(nice);
    }

    /** Whether the service runs below the engine's priority. */
    public boolean lowered() {
        return nice > 0;
    }

    /** For reports. */
    public String describe() {
        return lowered() ? "nice " + nice + " (emulator threads and its PostgreSQL; the engine at 0)"
                : "the engine's own (nice 0)";
    }

    /** Runs {@code start} (which starts the service) on a thread at this priority, and returns what it returns. */
    public <T> T start(Callable<T> start) throws Exception {
        if (!lowered()) {
            return start.call();
        }
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "service-starter"));
        try {
            return starter.submit(() -> {
                lowerThisThread();
                return start.call();
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            starter.shutdown();
        }
    }

    private void lowerThisThread() throws IOException {
        if (!Files.exists(THREAD_SELF)) {
            throw new IOException("cannot lower the service's priority here (no " + THREAD_SELF
                    + "; Linux only): run with --service-nice 0");
        }
        String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
        HostCommand renice = HostCommand.run(List.of("renice", "-n", Integer.toString(nice), "-p", tid), Path.of("/"));
        if (!renice.succeeded()) {
            throw new IOException("renice of the service's starting thread failed: " + renice.output());
        }
    }
}
