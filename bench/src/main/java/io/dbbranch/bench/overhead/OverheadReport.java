package io.dbbranch.bench.overhead;

import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import io.dbbranch.engine.http.HttpSettings;
import java.util.Map;

/** Turns the overhead figures into the report's tables and goals. */
final class OverheadReport {
    static final double GOAL_MS = 50;
    /**
     * Many leases at once share the machine's cores with the emulator and PostgreSQL, so the engine's share per lease
     * grows with them; what must not happen is waiting on the engine itself (a pool, a lock): at most this many times
     * the one-at-a-time figure, or {@link #CONCURRENT_CEILING_MS}.
     */
    static final double CONCURRENT_FACTOR = 10;
    static final double CONCURRENT_CEILING_MS = 500;

    private OverheadReport() {
    }

    static void describe(Report report, Map<String, OverheadResult> results, OverheadBenchmark.Options options) {
        report.setting("targets", String.join(", ", options.targets()))
                .setting("leases", options.warmup() + " warm-up, " + options.sequential() + " one at a time, "
                        + options.concurrentLeases() + " with " + options.concurrency() + " at once")
                .setting("injected latency", "none (operations finish in their first answer, endpoints start at once)")
                .setting("pooled HTTP connections per provider", options.maxConnections()
                        + (options.maxConnections() == HttpSettings.defaults().maxConnections() ? " (the product's default)" : ""))
                .setting("the emulators' CPU priority", options.servicePriority().describe());
        report.result("targets", results);
        for (OverheadResult result : results.values()) {
            Phase alone = result.sequential();
            Phase together = result.concurrent();
            report.goal(new Goal(result.target() + ": engine overhead under " + (int) GOAL_MS + " ms per lease, one at a time",
                    Figures.millis(alone.overheadMs().medianMs()) + " median", alone.overheadMs().medianMs() < GOAL_MS));
            double aloneMs = alone.overheadMs().medianMs();
            double togetherMs = together.overheadMsPerLease();
            report.goal(new Goal(result.target() + ": engine overhead per lease, " + together.concurrency() + " at once, at most "
                    + (int) CONCURRENT_FACTOR + "× the one-at-a-time figure or " + (int) CONCURRENT_CEILING_MS + " ms",
                    Figures.millis(togetherMs) + " mean (" + Figures.decimal(togetherMs / aloneMs, 1) + "× the "
                            + Figures.millis(aloneMs) + " one at a time)",
                    togetherMs <= CONCURRENT_FACTOR * aloneMs || togetherMs <= CONCURRENT_CEILING_MS));
        }
        MarkdownTable table = new MarkdownTable("Emulator", "Leases at once", "Lease (open + teardown) median",
                "Emulator's own time per lease", "Bare login + SELECT 1", "**Engine overhead per lease**", "API calls per lease",
                "Leases per second");
        for (OverheadResult result : results.values()) {
            row(table, result.target(), result.sequential(), Figures.millis(result.sequential().overheadMs().medianMs())
                    + " median (p95 " + Figures.millis(result.sequential().overheadMs().p95Ms()) + ")");
            row(table, result.target(), result.concurrent(), Figures.millis(result.concurrent().overheadMsPerLease()) + " mean");
        }
        report.heading("Overhead per lease");
        report.table(table);
        report.paragraph("A lease here is `BranchLease.open` (create, wait until ready, mint a credential, log in with it "
                + "and `SELECT 1`) plus its teardown (revoke, delete). The emulator's own time is measured at a relay in "
                + "front of it that passes bytes through, from sending each call on to having its whole answer (so it "
                + "includes one loopback hop; the hop from the engine to the relay is counted as engine time). The readiness "
                + "login is PostgreSQL's and the driver's work, measured as a bare login with the same credential. Engine "
                + "overhead = lease − emulator − login. With many leases at once, engine, emulator and PostgreSQL share the "
                + "machine's cores, so waiting for a core is counted as engine time too, and so is waiting for one of the "
                + "provider's pooled HTTP connections (" + options.maxConnections() + ") while the others are busy. "
                + (options.servicePriority().lowered()
                        ? "The emulators stand in for services on other machines, so they and their PostgreSQL run at a "
                        + "lower CPU priority than the engine (" + options.servicePriority().describe() + "): a wake-up of an "
                        + "engine thread does not wait behind the stand-in's work (`--service-nice 0` measures without that)."
                        : "The emulators run at the engine's own CPU priority here, so an engine thread's wake-up also waits "
                        + "behind their work."));

        MarkdownTable heap = new MarkdownTable("Emulator", "Live heap before", "Peak heap in use during the concurrent phase",
                "Live heap with leases held open", "Per open lease");
        for (OverheadResult result : results.values()) {
            OverheadResult.Heap h = result.heap();
            heap.row(result.target(), Figures.megabytes(h.baselineBytes()), Figures.megabytes(h.peakBytes()),
                    Figures.megabytes(h.liveHeldBytes()) + " (" + h.heldLeases() + " leases)",
                    Figures.decimal(h.perLeaseBytes() / 1024, 1) + " KB");
        }
        report.heading("Heap");
        report.table(heap);
        report.paragraph("The emulator runs in the benchmark's JVM, so these include its bookkeeping: an upper bound for "
                + "the engine. Each open lease also holds a keeper thread (refresh and expiry heartbeat).");
    }

    private static void row(MarkdownTable table, String target, Phase phase, String overhead) {
        table.row(target, phase.concurrency(), Figures.millis(phase.leaseMs().medianMs()), Figures.millis(phase.serviceMsPerLease()),
                Figures.millis(phase.loginMs().medianMs()), overhead, Figures.decimal(phase.callsPerLease(), 1),
                Figures.decimal(phase.leases() / (phase.wallMs() / 1000), 1));
    }
}
