package io.dbbranch.bench.overhead;

import io.dbbranch.bench.report.Samples;
import java.util.List;

/**
 * The figures of one phase of the overhead benchmark, in milliseconds.
 *
 * @param leases             leases measured
 * @param concurrency        leases at once
 * @param leaseMs            open plus teardown per lease
 * @param loginMs            a bare login and {@code SELECT 1} per lease
 * @param serviceMsPerLease  the emulator's time per lease, on average
 * @param overheadMsPerLease what is left for the engine per lease, on average
 * @param overheadMs         the engine's share lease by lease (only when leases ran one at a time; else null)
 * @param callsPerLease      API calls per lease
 * @param wallMs             the phase's wall time
 */
record Phase(int leases, int concurrency, Samples.Summary leaseMs, Samples.Summary loginMs, double serviceMsPerLease,
             double overheadMsPerLease, Samples.Summary overheadMs, double callsPerLease, double wallMs) {

    /** Leases one at a time: the emulator's calls are the lease's own, so the overhead is known lease by lease. */
    static Phase sequential(List<LeaseTiming> timings) {
        Samples lease = new Samples();
        Samples login = new Samples();
        Samples overhead = new Samples();
        double service = 0;
        double calls = 0;
        double wall = 0;
        for (LeaseTiming timing : timings) {
            lease.addMillis(timing.leaseNanos() / 1e6);
            login.addMillis(timing.loginNanos() / 1e6);
            overhead.addMillis((timing.leaseNanos() - timing.serviceNanos() - timing.loginNanos()) / 1e6);
            service += timing.serviceNanos() / 1e6;
            calls += timing.calls();
            wall += (timing.leaseNanos() + timing.loginNanos()) / 1e6;
        }
        int n = timings.size();
        return new Phase(n, 1, lease.summary(), login.summary(), service / n, overhead.mean(), overhead.summary(), calls / n,
                wall);
    }

    /** Leases at once: calls interleave, so the emulator's time is shared out evenly over the leases. */
    static Phase concurrent(List<LeaseTiming> timings, int concurrency, long serviceNanos, long calls, double wallMs) {
        Samples lease = new Samples();
        Samples login = new Samples();
        double leaseTotal = 0;
        double loginTotal = 0;
        for (LeaseTiming timing : timings) {
            lease.addMillis(timing.leaseNanos() / 1e6);
            login.addMillis(timing.loginNanos() / 1e6);
            leaseTotal += timing.leaseNanos() / 1e6;
            loginTotal += timing.loginNanos() / 1e6;
        }
        int n = timings.size();
        double service = serviceNanos / 1e6;
        return new Phase(n, concurrency, lease.summary(), login.summary(), service / n, (leaseTotal - service - loginTotal) / n,
                null, calls / (double) n, wallMs);
    }
}
