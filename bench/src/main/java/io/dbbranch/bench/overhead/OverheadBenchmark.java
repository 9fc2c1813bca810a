package io.dbbranch.bench.overhead;

import io.dbbranch.bench.proxy.ProxyStats;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.support.WorkFolders;
import io.dbbranch.bench.support.BranchLogin;
import io.dbbranch.bench.targets.ApiRoute;
import io.dbbranch.bench.targets.ServicePriority;
import io.dbbranch.bench.targets.Target;
import io.dbbranch.bench.targets.Targets;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What the engine adds on top of the service: full leases (create → ready → credential → teardown) against an
 * emulator with no injected latency, one at a time and many at once. The emulator's own time is measured at a
 * relay in front of it ({@link io.dbbranch.bench.proxy.TimingRelay}: the time from passing a call on to having its
 * whole answer) and the lease's readiness login is measured as a bare login with the same credential; what is left is
 * the engine's. The emulator, which stands in for a service on other machines, runs below the engine's CPU priority
 * ({@link ServicePriority}) unless told otherwise.
 */
public final class OverheadBenchmark {

    /**
     * @param targets          which emulators
     * @param warmup           leases run first and not counted (class loading, JIT)
     * @param sequential       leases one at a time
     * @param concurrentLeases leases in the concurrent phase
     * @param concurrency      leases at once (also how many are held open for the heap figure)
     * @param maxConnections   the providers' pooled HTTP connections (the product's default is {@link io.dbbranch.engine.http.HttpSettings#DEFAULT_MAX_CONNECTIONS})
     * @param work             where the emulators keep their folders
     * @param servicePriority  the CPU priority the emulators (and their PostgreSQL) run at
     */
    public record Options(List<String> targets, int warmup, int sequential, int concurrentLeases, int concurrency,
                          int maxConnections, Path work, ServicePriority servicePriority) {
        public Options {
            targets = List.copyOf(targets);
        }
    }

    private final Options options;
    private final Consumer<String> log;
    private final AtomicInteger names = new AtomicInteger();

    public OverheadBenchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Report run(String command) throws Exception {
        Report report = new Report("overhead", "Engine overhead per lease against the emulators", command);
        Map<String, OverheadResult> results = new LinkedHashMap<>();
        for (String name : options.targets()) {
            results.put(name, measure(name));
        }
        OverheadReport.describe(report, results, options);
        return report;
    }

    private OverheadResult measure(String name) throws Exception {
        Path secrets = WorkFolders.create(options.work(), "secrets-");
        try (Target target = options.servicePriority().start(() -> Targets.start(name, options.work()));
             ApiRoute route = ApiRoute.timed(target)) {
            if (route.uri() == null) {
                throw new IllegalArgumentException("the overhead benchmark needs a target with a REST API; " + name + " has none");
            }
            target.removeInjectedLatency();
            try (BranchProvider provider = target.provider(route.uri(), options.maxConnections())) {
                LeaseSteps steps = new LeaseSteps(provider, target.parent(), secrets);
                log.accept(name + " overhead: " + options.warmup() + " warm-up leases");
                for (int i = 0; i < options.warmup(); i++) {
                    steps.full(route.stats(), true);
                }
                log.accept(name + " overhead: " + options.sequential() + " leases one at a time");
                List<LeaseTiming> sequential = new ArrayList<>();
                for (int i = 0; i < options.sequential(); i++) {
                    sequential.add(steps.full(route.stats(), true));
                }
                return concurrent(name, steps, route.stats(), Phase.sequential(sequential));
            }
        } finally {
            WorkFolders.delete(secrets);
        }
    }

    /** Leases many at once, with the heap watched, then held open together for the live-heap figure. */
    private OverheadResult concurrent(String name, LeaseSteps steps, ProxyStats stats, Phase sequential) throws Exception {
        long baseline = HeapProbe.live();
        log.accept(name + " overhead: " + options.concurrentLeases() + " leases, " + options.concurrency() + " at once");
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        try {
            long serviceBefore = stats.upstreamNanos();
            long callsBefore = stats.upstreamCalls();
            long start = System.nanoTime();
            List<LeaseTiming> timings;
            long peak;
            try (HeapProbe probe = new HeapProbe()) {
                timings = all(pool, options.concurrentLeases(), () -> steps.full(stats, false));
                peak = probe.peak();
            }
            Phase concurrent = Phase.concurrent(timings, options.concurrency(), stats.upstreamNanos() - serviceBefore,
                    stats.upstreamCalls() - callsBefore, (System.nanoTime() - start) / 1e6);
            log.accept(name + " overhead: holding " + options.concurrency() + " leases open for the heap figure");
            long held = holdOpen(pool, steps);
            return new OverheadResult(name, sequential, concurrent, new OverheadResult.Heap(baseline, peak,
                    options.concurrency(), held, (held - baseline) / (double) options.concurrency()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Opens {@code concurrency} leases at once, measures the live heap while all are open, then closes them. */
    private long holdOpen(ExecutorService pool, LeaseSteps steps) throws Exception {
        List<Future<BranchLease>> opening = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            opening.add(pool.submit(steps::open));
        }
        List<BranchLease> open = new ArrayList<>();
        try {
            for (Future<BranchLease> future : opening) {
                open.add(future.get());
            }
            return HeapProbe.live();
        } finally {
            for (BranchLease lease : open) {
                lease.close();
            }
        }
    }

    private static List<LeaseTiming> all(ExecutorService pool, int count, java.util.concurrent.Callable<LeaseTiming> task)
            throws Exception {
        List<Future<LeaseTiming>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(task));
        }
        List<LeaseTiming> timings = new ArrayList<>();
        for (Future<LeaseTiming> future : futures) {
            timings.add(future.get());
        }
        return timings;
    }

    /** The steps of one measured lease. */
    private final class LeaseSteps {
        private final BranchProvider provider;
        private final String parent;
        private final Path secrets;

        LeaseSteps(BranchProvider provider, String parent, Path secrets) {
            this.provider = provider;
            this.parent = parent;
            this.secrets = secrets;
        }

        BranchLease open() {
            LeaseSpec spec = LeaseSpec.builder(parent).name(Target.NAME_PREFIX + "ovh-" + names.incrementAndGet())
                    .owner(Target.OWNER).secretsDirectory(secrets).build();
            return BranchLease.open(provider, spec, Progress.SILENT);
        }

        /** Opens, logs in once as the body, tears down; {@code alone} when no other lease runs meanwhile. */
        LeaseTiming full(ProxyStats stats, boolean alone) throws Exception {
            long serviceBefore = stats.upstreamNanos();
            long callsBefore = stats.upstreamCalls();
            long start = System.nanoTime();
            BranchLease lease = open();
            long opened = System.nanoTime();
            long login;
            try {
                login = BranchLogin.query(lease, "SELECT 1");
            } catch (Exception e) {
                lease.bodyFailed(e);
                lease.teardown();
                throw e;
            }
            long teardownStart = System.nanoTime();
            TeardownResult teardown = lease.teardown();
            long end = System.nanoTime();
            if (teardown.failure() != null) {
                throw teardown.failure();
            }
            return new LeaseTiming((opened - start) + (end - teardownStart), login,
                    alone ? stats.upstreamNanos() - serviceBefore : -1, alone ? stats.upstreamCalls() - callsBefore : -1);
        }
    }
}
