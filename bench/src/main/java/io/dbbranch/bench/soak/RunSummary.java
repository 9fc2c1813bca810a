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
 * @param leases          leases in all
 * @param concurrency     leases at once
 * @param killed          leases interrupted on purpose
 * @param killsInOpen     of them, interrupted while opening
 * @param killsInBody     of them, interrupted in the body
 * @param results         leases per outcome
 * @param leaked          branches the service still held at the end
 * @param silentlyLeaked  of them, those whose lease did not say "may have left branch X behind"
 * @param saidLeftBehind  leases that said "may have left branch X behind" (in their opening or teardown)
 * @param duplicates      names held under more than one id
 * @param branchesSeen    distinct branches seen
 * @param peakBranches    most branches alive at one look
 * @param openMs          time to an open lease, per lease that was not killed
 * @param cleanLeaseMs    open plus teardown of the leases not killed that met no fault
 * @param faultedLeaseMs  open plus teardown of the leases not killed that met at least one fault
 * @param maxFaultDelayMs the slowest lease that met a fault minus the median of those that met none: the most a
 *                        fault delayed a lease (NaN without faults)
 * @param proxy           calls and faults at the fault proxy (empty without one)
 * @param unexpected      leases not killed that did not complete, with their errors
 * @param elapsedMs       wall time of the run
 */
record RunSummary(int leases, int concurrency, long killed, long killsInOpen, long killsInBody, Map<String, Long> results,
                  List<String> leaked, List<String> silentlyLeaked, long saidLeftBehind,
                  Map<String, Set<String>> duplicates, int branchesSeen, int peakBranches,
                  Samples.Summary openMs, Samples.Summary cleanLeaseMs, Samples.Summary faultedLeaseMs,
                  double maxFaultDelayMs, Map<String, Object> proxy, List<LeaseOutcome> unexpected, double elapsedMs) {

    /**
     * Which leases met a fault is known from the branch names in the faulted calls; calls that name no branch
     * (the OAuth token, operation polls) cannot be told apart, so a few "clean" leases may have met one.
     */
    static RunSummary of(SoakRunResult run, int concurrency, ProxyStats proxy) {
        Map<String, Long> results = new LinkedHashMap<>();
        for (LeaseOutcome.Result result : LeaseOutcome.Result.values()) {
            results.put(result.name(), run.count(result));
        }
        Set<String> faulted = proxy == null ? Set.of() : proxy.faultedNames();
        Samples clean = new Samples();
        Samples hit = new Samples();
        run.outcomes().stream().filter(o -> !o.killed() && o.leaseMs() >= 0)
                .forEach(o -> (faulted.contains(o.name()) ? hit : clean).addMillis(o.leaseMs()));
        double maxDelay = hit.count() == 0 || clean.count() == 0 ? Double.NaN : Math.max(0, hit.max() - clean.median());
        return new RunSummary(run.outcomes().size(), concurrency, run.killed(), run.killsLanded("open"),
                run.killsLanded("body"), results, run.leaked(), run.silentlyLeaked(), run.saidLeftBehind(), run.duplicates(),
                run.branchesSeen(), run.peakBranches(),
                run.openTimes().summary(), clean.summary(), hit.summary(), maxDelay,
                proxy == null ? Map.of() : proxy.toMap(), run.unexpectedFailures(), run.elapsedMs());
    }

    long count(LeaseOutcome.Result result) {
        return results.getOrDefault(result.name(), 0L);
    }
}
