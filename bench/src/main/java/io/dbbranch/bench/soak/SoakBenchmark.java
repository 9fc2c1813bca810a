package io.dbbranch.bench.soak;

import io.dbbranch.bench.proxy.FaultMix;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.support.WorkFolders;
import io.dbbranch.bench.targets.ApiRoute;
import io.dbbranch.bench.targets.Target;
import io.dbbranch.bench.targets.Targets;
import io.dbbranch.engine.spi.BranchProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The soak with faults: against each target, many leases at once with a share of API calls answered by injected
 * 429/503/slow/reset faults and a share of leases interrupted in the middle; then a child JVM running leases is
 * killed with SIGKILL and the reaper cleans up after it. Counted from the service's own books: branches leaked,
 * duplicates, leases that failed when they should have survived, and the most a fault delayed a lease.
 */
public final class SoakBenchmark {

    /**
     * @param targets         which targets ({@link Targets#ALL})
     * @param leases          leases of the interrupt run
     * @param concurrency     leases at once
     * @param faultRate       the share of API calls that meet a fault
     * @param killShare       the share of leases interrupted
     * @param killLeases      leases the child of the process-kill run starts (it is killed half-way)
     * @param killConcurrency the child's leases at once
     * @param expiryWindow    the child's leases' dead-man's switch, which the reaper waits out
     * @param seed            the seed of every draw
     * @param work            where targets keep their folders
     */
    public record Options(List<String> targets, int leases, int concurrency, double faultRate, double killShare,
                          int killLeases, int killConcurrency, Duration expiryWindow, long seed, Path work) {
        public Options {
            targets = List.copyOf(targets);
        }
    }

    /** What one target went through. */
    record TargetResult(String target, boolean faultsInjected, RunSummary calibration, RunSummary soak,
                        ProcessKillResult processKill, Map<String, Object> processKillProxy) {
    }

    private final Options options;
    private final Consumer<String> log;

    public SoakBenchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Report run(String command) throws Exception {
        Report report = new Report("soak", "Soak with faults: leases under injected faults, interrupts and a killed JVM",
                command);
        Map<String, TargetResult> results = new LinkedHashMap<>();
        for (String target : options.targets()) {
            results.put(target, soak(target));
        }
        SoakReport.describe(report, results, options);
        return report;
    }

    private TargetResult soak(String name) throws Exception {
        Path secrets = WorkFolders.create(options.work(), "secrets-");
        try (Target target = Targets.start(name, options.work())) {
            RunSummary calm = calm(target, secrets);
            FaultMix faults = new FaultMix(options.faultRate(), options.seed());
            log.accept(name + ": " + options.leases() + " leases, " + options.concurrency() + " at once, "
                    + (target.api().isPresent() ? Math.round(options.faultRate() * 100) + "% of calls faulted, " : "")
                    + Math.round(options.killShare() * 100) + "% interrupted");
            RunSummary soak;
            try (ApiRoute route = ApiRoute.to(target, faults)) {
                // Within a quarter of the usual time to open, a kill planned for the opening lands there.
                Duration killWindow = Duration.ofMillis(Math.max(50, Math.round(calm.openMs().minMs() / 4)));
                soak = inProcess(target, route, secrets, new SoakRun.Settings(Target.NAME_PREFIX + "soak", options.leases(),
                        options.concurrency(), options.killShare(), killWindow, 200, options.seed() + 1));
            }
            log.accept(name + ": a child JVM runs " + options.killLeases() + " leases and is killed half-way");
            try (ApiRoute route = ApiRoute.to(target, new FaultMix(options.faultRate(), options.seed() + 2))) {
                SoakChild.Options child = new SoakChild.Options(name, target.parent(), Target.NAME_PREFIX + "kill",
                        options.killLeases(), options.killConcurrency(), options.expiryWindow(), 2_000, options.seed() + 3,
                        secrets, Map.of());
                ProcessKillResult killed = ProcessKillRun.run(target, route.uri(), new ProcessKillRun.Settings(child,
                        Math.max(1, options.killLeases() / 2)), log);
                return new TargetResult(name, target.api().isPresent(), calm, soak, killed,
                        route.stats() == null ? Map.of() : route.stats().toMap());
            }
        } finally {
            WorkFolders.delete(secrets);
        }
    }

    /** A fault-free run first: how leases behave with nothing going wrong, and how long they take to open. */
    private RunSummary calm(Target target, Path secrets) throws InterruptedException {
        int leases = Math.min(options.concurrency(), options.leases());
        log.accept(target.name() + ": " + leases + " fault-free leases for the baseline");
        try (ApiRoute route = ApiRoute.to(target, FaultMix.none())) {
            return inProcess(target, route, secrets, new SoakRun.Settings(Target.NAME_PREFIX + "calm", leases,
                    options.concurrency(), 0, Duration.ofSeconds(1), 200, options.seed()));
        }
    }

    private RunSummary inProcess(Target target, ApiRoute route, Path secrets, SoakRun.Settings settings)
            throws InterruptedException {
        try (BranchProvider provider = target.provider(route.uri())) {
            LeaseWorkload workload = new LeaseWorkload(provider, target.parent(), secrets, Duration.ofMinutes(30));
            SoakRunResult result = SoakRun.run(target, workload, settings, log);
            return RunSummary.of(result, settings.concurrency(), route.stats());
        }
    }
}
