package io.dbbranch.bench.soak;

import io.dbbranch.bench.targets.Target;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A build agent dies: a child JVM runs leases against the target, is killed with SIGKILL while many are open (no
 * teardown, no shutdown hook), and then the {@link Reaper} — after the leases' short expiry window has passed —
 * must leave nothing of the run behind.
 */
final class ProcessKillRun {
    private static final int MAX_REAP_PASSES = 3;
    private static final long PASS_PAUSE_MILLIS = 2_000;
    private static final long CHILD_TIMEOUT_SECONDS = 600;

    /**
     * @param child           what the child runs
     * @param killAfterOpened kill the child once it has opened this many leases
     */
    record Settings(SoakChild.Options child, int killAfterOpened) {
    }

    private ProcessKillRun() {
    }

    static ProcessKillResult run(Target target, URI api, Settings settings, Consumer<String> log) throws Exception {
        String prefix = settings.child().prefix();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.dbbranch.bench.Main"));
        command.addAll(settings.child().arguments());
        command.addAll(target.childArguments(api));
        try (BranchCensus census = new BranchCensus(target, prefix, 250)) {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            AtomicInteger opened = new AtomicInteger();
            Deque<String> tail = new ArrayDeque<>();
            Thread reader = new Thread(() -> read(child, opened, tail), "soak-child-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            while (opened.get() < settings.killAfterOpened() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!child.isAlive()) {
                throw new IllegalStateException("the soak child ended by itself after opening " + opened.get()
                        + " leases, before it could be killed; its last lines:\n" + joined(tail));
            }
            long killedAt = System.nanoTime();
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            int openedBeforeKill = opened.get();
            List<String> leftByKill = names(census.look());
            log.accept(target.name() + " process kill: killed the child after " + openedBeforeKill + " opened leases; "
                    + leftByKill.size() + " branches left; waiting " + settings.child().expiryWindow().toSeconds()
                    + " s for them to expire");

            long expiredAt = killedAt + settings.child().expiryWindow().toNanos() + TimeUnit.SECONDS.toNanos(1);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, expiredAt - System.nanoTime()));
            int passes = 0;
            int reaped = 0;
            int failures = 0;
            List<String> leftovers = names(census.look());
            try (BranchProvider provider = target.provider(api)) {
                Reaper reaper = new Reaper(provider, Target.OWNER, Reaper.BuildLiveness.UNKNOWN, Clock.systemUTC());
                while (!leftovers.isEmpty() && passes < MAX_REAP_PASSES) {
                    if (passes > 0) {
                        // A create still in flight at the kill may have made its branch a moment later: let it expire.
                        Thread.sleep(PASS_PAUSE_MILLIS);
                    }
                    passes++;
                    ReapReport report = reapOnce(reaper, prefix);
                    reaped += report.deleted().size();
                    failures += report.failures().size();
                    leftovers = names(census.look());
                }
            }
            double killToCleanMs = (System.nanoTime() - killedAt) / 1e6;
            return new ProcessKillResult(openedBeforeKill, leftByKill, passes, reaped, failures, leftovers,
                    census.duplicates(), killToCleanMs);
        }
    }

    /** One pass; a pass that fails as a whole (the listing met a fault after every retry) counts as a pass. */
    private static ReapReport reapOnce(Reaper reaper, String prefix) {
        try {
            return reaper.reap(prefix, false, false, Progress.SILENT);
        } catch (RuntimeException e) {
            return new ReapReport(false, List.of(), List.of(), List.of(new ReapReport.Entry("(listing)", e.getMessage())));
        }
    }

    private static List<String> names(List<Target.ServiceBranch> branches) {
        return branches.stream().map(Target.ServiceBranch::name).sorted().toList();
    }

    private static void read(Process child, AtomicInteger opened, Deque<String> tail) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("opened ")) {
                    opened.incrementAndGet();
                }
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The child was killed: its output ends here.
        }
    }

    private static String joined(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
