package io.dbbranch.bench.soak;

import io.dbbranch.bench.targets.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs many leases at once in this JVM against one target and counts what they left behind. A share of the
 * leases is killed in the middle with a thread interrupt: half while opening, half in the body.
 */
final class SoakRun {

    /**
     * @param prefix      the name prefix of this run's branches
     * @param leases      how many leases in all
     * @param concurrency how many at once
     * @param killShare   the share of leases interrupted on purpose, half of them while opening, half in the body
     * @param killWindow  a kill fires at a random moment within this window after its lease started (or opened)
     * @param maxBodyMs   the longest a body holds its branch (each draws 0 to this)
     * @param seed        the seed of the draws
     */
    record Settings(String prefix, int leases, int concurrency, double killShare, Duration killWindow, long maxBodyMs,
                    long seed) {
    }

    private SoakRun() {
    }

    static SoakRunResult run(Target target, LeaseWorkload workload, Settings settings, Consumer<String> log)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), daemon("soak-lease"));
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(daemon("soak-killer"));
        SplittableRandom random = new SplittableRandom(settings.seed());
        AtomicInteger finished = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<LeaseOutcome>> futures = new ArrayList<>();
        try (BranchCensus census = new BranchCensus(target, settings.prefix(), 250)) {
            for (int i = 1; i <= settings.leases(); i++) {
                String name = settings.prefix() + "-" + i;
                KillSwitch.Plan plan = random.nextDouble() >= settings.killShare() ? KillSwitch.Plan.NONE
                        : random.nextBoolean() ? KillSwitch.Plan.IN_OPEN : KillSwitch.Plan.IN_BODY;
                long killAfter = random.nextLong(Math.max(1, settings.killWindow().toMillis()));
                long bodyMillis = random.nextLong(settings.maxBodyMs() + 1);
                futures.add(pool.submit(() -> {
                    KillSwitch kill = new KillSwitch(plan, killAfter, killer);
                    kill.arm(Thread.currentThread());
                    try {
                        return workload.run(name, kill, bodyMillis, opened -> { });
                    } finally {
                        kill.disarm();
                        int done = finished.incrementAndGet();
                        if (done % 50 == 0 || done == settings.leases()) {
                            log.accept(target.name() + " soak: " + done + "/" + settings.leases() + " leases ended");
                        }
                    }
                }));
            }
            List<LeaseOutcome> outcomes = new ArrayList<>();
            for (Future<LeaseOutcome> future : futures) {
                outcomes.add(get(future));
            }
            double elapsedMs = (System.nanoTime() - start) / 1e6;
            List<String> leaked = census.look().stream().map(Target.ServiceBranch::name).sorted().toList();
            return new SoakRunResult(settings.prefix(), elapsedMs, outcomes, leaked, census.duplicates(),
                    census.branchesSeen(), census.peak());
        } finally {
            pool.shutdownNow();
            killer.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    private static LeaseOutcome get(Future<LeaseOutcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // The workload never throws; this is a bug in the soak itself.
            throw new IllegalStateException("a soak lease broke the harness", e.getCause());
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
