package io.dbbranch.bench.soak;

import io.dbbranch.bench.proxy.ProxyStats;
import io.dbbranch.bench.report.Samples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one in-process run, for the report.
 *
 * @param leases            leases in all
 * @param concurrency       leases at once
 * @param killed            leases interrupted on purpose
 * @param killsInOpen       of them, interrupted while opening
 * @param killsInBody       of them, interrupted in the body
 * @param results           leases per outcome
 * @param leaked            branches the service still held at the end
 * @param duplicates        names held under more than one id
 * @param branchesSeen      distinct branches seen
 * @param peakBranches      most branches alive at one look
 * @param leaseMs           open plus teardown, per lease that was not killed
 * @param maxFaultDelayMs   the slowest such lease minus the fault-free median: the most a fault delayed a lease
 * @param proxy             calls and faults at the fault proxy (empty without one)
 * @param unexpected        leases not killed that did not complete, with their errors
 * @param elapsedMs         wall time of the run
 */
record RunSummary(int leases, int concurrency, long killed, long killsInOpen, long killsInBody, Map<String, Long> results,
                  List<String> leaked, Map<String, Set<String>> duplicates, int branchesSeen, int peakBranches,
                  Samples.Summary leaseMs, double maxFaultDelayMs, Map<String, Object> proxy,
                  List<LeaseOutcome> unexpected, double elapsedMs) {

    static RunSummary of(SoakRunResult run, int concurrency, ProxyStats proxy, double calmMedianLeaseMs) {
        Map<String, Long> results = new LinkedHashMap<>();
        for (LeaseOutcome.Result result : LeaseOutcome.Result.values()) {
            results.put(result.name(), run.count(result));
        }
        Samples leaseTimes = new Samples();
        run.outcomes().stream().filter(o -> !o.killed() && o.leaseMs() >= 0).forEach(o -> leaseTimes.addMillis(o.leaseMs()));
        double maxDelay = Double.isNaN(calmMedianLeaseMs) ? Double.NaN : Math.max(0, leaseTimes.max() - calmMedianLeaseMs);
        return new RunSummary(run.outcomes().size(), concurrency, run.killed(), run.killsLanded("open"),
                run.killsLanded("body"), results, run.leaked(), run.duplicates(), run.branchesSeen(), run.peakBranches(),
                leaseTimes.summary(), maxDelay, proxy == null ? Map.of() : proxy.toMap(), run.unexpectedFailures(),
                run.elapsedMs());
    }

    long count(LeaseOutcome.Result result) {
        return results.getOrDefault(result.name(), 0L);
    }
}
