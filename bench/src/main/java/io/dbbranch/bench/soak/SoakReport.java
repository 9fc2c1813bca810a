package io.dbbranch.bench.soak;


import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.report.Samples;
import java.util.List;
import java.util.Map;

/** Turns the soak's counts into the report's tables and goals. */
final class SoakReport {
    private static final int LISTED_FAILURES = 10;

    private SoakReport() {
    }

    static void describe(Report report, Map<String, SoakBenchmark.TargetResult> results, SoakBenchmark.Options options) {
        report.setting("targets", String.join(", ", options.targets()))
                .setting("interrupt run", options.leases() + " leases, " + options.concurrency() + " at once, "
                        + percent(options.killShare()) + " interrupted")
                .setting("faults", percent(options.faultRate()) + " of API calls: 429 (Retry-After 1 s), 503, slow "
                        + "(200–1500 ms), reset after acting, in equal shares")
                .setting("process-kill run", options.killLeases() + " leases, " + options.killConcurrency()
                        + " at once, SIGKILL after half opened; expiry window " + options.expiryWindow().toSeconds() + " s")
                .setting("seed", options.seed());
        report.result("targets", results);
        results.values().forEach(result -> goals(report, result));
        results.values().forEach(result -> section(report, result));
        report.paragraph("Leaks and duplicates are counted from the service's own books (the emulator's branch store, "
                + "or the cluster's databases), looked at every 250 ms during each run and once after it. Which lease met "
                + "a fault is read from the branch names in the faulted calls (calls naming no branch, such as token requests "
                + "and operation polls, are not attributed); the most a fault delayed a lease is the slowest lease that met "
                + "one minus the median of those that met none, in the same run.");
    }

    private static void goals(Report report, SoakBenchmark.TargetResult result) {
        String t = result.target() + ": ";
        RunSummary soak = result.soak();
        report.goal(new Goal(t + "no branch leaked after the interrupt run", soak.leaked().size() + " leaked",
                soak.leaked().isEmpty()));
        report.goal(new Goal(t + "no branch leaked without the engine saying \"may have left it\"",
                soak.silentlyLeaked().size() + " silent", soak.silentlyLeaked().isEmpty()));
        long failed = soak.count(LeaseOutcome.Result.FAILED);
        report.goal(new Goal(t + "no lease failed with a non-retryable error it should have survived", failed + " failed",
                failed == 0));
        int duplicates = soak.duplicates().size() + result.processKill().duplicates().size();
        report.goal(new Goal(t + "no duplicate branches", duplicates + " duplicates", duplicates == 0));
        report.goal(new Goal(t + "nothing left after the process kill and the reaper",
                result.processKill().leftovers().size() + " left", result.processKill().leftovers().isEmpty()));
    }

    private static void section(Report report, SoakBenchmark.TargetResult result) {
        RunSummary calm = result.calibration();
        RunSummary soak = result.soak();
        ProcessKillResult kill = result.processKill();
        report.heading(result.target() + (result.faultsInjected() ? "" : " (no REST API: interrupts and the kill only, no faults)"));
        MarkdownTable table = new MarkdownTable("", "Fault-free baseline", "Interrupt run");
        table.row("leases (at once)", calm.leases() + " (" + calm.concurrency() + ")", soak.leases() + " (" + soak.concurrency() + ")")
                .row("API calls (faulted)", calls(calm), calls(soak))
                .row("faults: 429 / 503 / slow / reset", "–", faultMix(soak))
                .row("interrupted (in open / in body)", "–", soak.killed() + " (" + soak.killsInOpen() + " / " + soak.killsInBody() + ")")
                .row("completed", calm.count(LeaseOutcome.Result.COMPLETED), soak.count(LeaseOutcome.Result.COMPLETED))
                .row("ended cleanly after the interrupt", "–", soak.count(LeaseOutcome.Result.INTERRUPTED))
                .row("**failed, non-retryable** (goal 0)", calm.count(LeaseOutcome.Result.FAILED), soak.count(LeaseOutcome.Result.FAILED))
                .row("failed after retries ran out", calm.count(LeaseOutcome.Result.FAILED_RETRIES_EXHAUSTED),
                        soak.count(LeaseOutcome.Result.FAILED_RETRIES_EXHAUSTED))
                .row("teardown failed", calm.count(LeaseOutcome.Result.TEARDOWN_FAILED),
                        soak.count(LeaseOutcome.Result.TEARDOWN_FAILED))
                .row("said \"may have left it\" (opening or teardown)", calm.saidLeftBehind(), soak.saidLeftBehind())
                .row("**branches leaked** (goal 0)", calm.leaked().size(), soak.leaked().size())
                .row("**of them, leaked without a word** (goal 0)", calm.silentlyLeaked().size(), soak.silentlyLeaked().size())
                .row("**duplicates** (goal 0)", calm.duplicates().size(), soak.duplicates().size())
                .row("branches made / most alive at once", calm.branchesSeen() + " / " + calm.peakBranches(),
                        soak.branchesSeen() + " / " + soak.peakBranches())
                .row("time to open, median / p95 / max", times(calm.openMs()), times(soak.openMs()))
                .row("lease (open + teardown) of leases that met no fault, median / p95 / max", times(calm.cleanLeaseMs()),
                        times(soak.cleanLeaseMs()))
                .row("lease (open + teardown) of leases that met a fault, median / p95 / max", "–",
                        result.faultsInjected() ? times(soak.faultedLeaseMs()) : "–")
                .row("**most a fault delayed a lease**", "–",
                        result.faultsInjected() ? Figures.millis(soak.maxFaultDelayMs()) : "–")
                .row("wall time", Figures.millis(calm.elapsedMs()), Figures.millis(soak.elapsedMs()));
        report.table(table);

        MarkdownTable killTable = new MarkdownTable("Process-kill run", "");
        killTable.row("leases open when the child JVM got SIGKILL", kill.openedBeforeKill())
                .row("branches of the run left right after the kill", kill.leftByKill().size())
                .row("reaper passes / branches reaped / deletions that failed", kill.reapPasses() + " / " + kill.reaped()
                        + " / " + kill.reapFailures())
                .row("**left after the reaper** (goal 0)", kill.leftovers().size())
                .row("**duplicates** (goal 0)", kill.duplicates().size())
                .row("API calls (faulted)", result.processKillProxy().isEmpty() ? "–"
                        : result.processKillProxy().get("calls") + " (" + result.processKillProxy().get("faulted") + ")")
                .row("kill to clean (includes waiting out the expiry)", Figures.millis(kill.killToCleanMs()));
        report.table(killTable);

        List<LeaseOutcome> unexpected = soak.unexpected();
        if (!unexpected.isEmpty()) {
            MarkdownTable failures = new MarkdownTable("Lease", "Outcome", "Error");
            unexpected.stream().limit(LISTED_FAILURES).forEach(o -> failures.row(o.name(), o.result(),
                    o.errorCode() + ": " + o.error()));
            report.paragraph("Leases that were not interrupted yet did not complete"
                    + (unexpected.size() > LISTED_FAILURES ? " (first " + LISTED_FAILURES + " of " + unexpected.size() + ")" : "") + ":");
            report.table(failures);
        }
        if (!soak.leaked().isEmpty() || !kill.leftovers().isEmpty()) {
            report.paragraph("Left behind: " + String.join(", ", soak.leaked()) + " " + String.join(", ", kill.leftovers()));
        }
    }

    private static String calls(RunSummary run) {
        return run.proxy().isEmpty() ? "–" : run.proxy().get("calls") + " (" + run.proxy().get("faulted") + ")";
    }

    private static String faultMix(RunSummary run) {
        Map<String, Object> proxy = run.proxy();
        if (proxy.isEmpty()) {
            return "–";
        }
        return proxy.get("rate_limited") + " / " + proxy.get("unavailable") + " / " + proxy.get("slow") + " / "
                + proxy.get("reset_after_acting");
    }

    private static String times(Samples.Summary summary) {
        return summary.count() == 0 ? "–" : Figures.millis(summary.medianMs()) + " / " + Figures.millis(summary.p95Ms()) + " / "
                + Figures.millis(summary.maxMs());
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
