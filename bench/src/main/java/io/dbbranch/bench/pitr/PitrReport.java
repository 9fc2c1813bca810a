package io.dbbranch.bench.pitr;

import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.support.SetupResult;
import io.dbbranch.bench.support.SetupRuns;
import java.util.List;

/** Turns the restore figures into the report's tables and goals. */
final class PitrReport {
    /** Lakebase's reported time to a recovery branch, in ms. */
    static final double GOAL_MS = 4_000;
    /** Where files are cloned, at the smallest size. */
    static final double CLONE_GOAL_MS = 1_000;

    private PitrReport() {
    }

    static void describe(Report report, List<SetupResult<PitrResult>> setups, PitrBenchmark.Options options) {
        report.setting("fsync", options.fsync() ? "on (as the local provider runs for users)" : "off")
                .setting("restores per size and base backup", options.runs() + " (after 1 warm-up)")
                .setting("data seed", options.seed());
        SetupRuns.describeEach(report, setups, (prefix, setup) -> describe(report, prefix, setup.results(), setup.clonesFiles()));
    }

    private static void describe(Report report, String prefix, List<PitrResult> results, boolean clones) {
        results.stream().filter(r -> r.baseBackup().equals("after-load")).findFirst().ifPresent(first -> {
            report.goal(new Goal(prefix + "verified recovery branch in under 4 s at " + first.targetMb()
                    + " MB (Lakebase's reported figure)", Figures.millis(first.elapsed().medianMs()) + " median",
                    first.elapsed().medianMs() < GOAL_MS));
            if (clones) {
                report.goal(new Goal(prefix + "cloned: verified recovery branch in under 1 s at " + first.targetMb() + " MB",
                        Figures.millis(first.elapsed().medianMs()) + " median", first.elapsed().medianMs() < CLONE_GOAL_MS));
            }
        });
        int runs = results.stream().mapToInt(r -> r.runs().size()).sum();
        int exact = results.stream().mapToInt(PitrResult::exactRuns).sum();
        report.goal(new Goal(prefix + "every restore stops at exactly the last commit before the requested moment (Lakebase: "
                + "reportedly snaps up to 12 s)", exact + " of " + runs, exact == runs));

        report.heading(prefix + "Time to a verified recovery branch");
        MarkdownTable table = new MarkdownTable("Size (actual)", "Base backup", "Median", "Min", "Max",
                "Requested moment − restore point (median / max)", "Exact commit");
        for (PitrResult result : results) {
            table.row(result.targetMb() + " MB (" + Figures.megabytes(result.databaseBytes()) + ")",
                    result.baseBackup().equals("after-load") ? "after the load" : "before the load (all replayed)",
                    "**" + Figures.millis(result.elapsed().medianMs()) + "**", Figures.millis(result.elapsed().minMs()),
                    Figures.millis(result.elapsed().maxMs()),
                    Figures.millis(result.gap().medianMs()) + " / " + Figures.millis(result.gap().maxMs()),
                    result.exactRuns() + " of " + result.runs().size());
        }
        report.table(table);
        report.paragraph("Each restore is `PointInTimeRestore.restore` on `LocalProvider.open(…)` (WAL archive and base "
                + "backups) from the request until the recovery branch accepted its login and the verification query "
                + "`SELECT count(*) FROM bench_ledger` returned the expected count. Before each restore a ledger commits "
                + "six rows, " + 40 + " ms apart; the requested moment lies just after the third commit returned, so the "
                + "branch must hold that commit and none after it. The gap is the requested moment minus the restore "
                + "point the provider reports (the last commit replayed): it is the time between that commit and the "
                + "request, not an error.");
        MarkdownTable backups = new MarkdownTable("Size", "Taking the base backup after the load");
        results.stream().filter(r -> !Double.isNaN(r.baseBackupMs()))
                .forEach(r -> backups.row(r.targetMb() + " MB", Figures.millis(r.baseBackupMs())));
        if (backups.rowCount() > 0) {
            report.table(backups);
        }
        results.stream().flatMap(r -> r.runs().stream()).filter(run -> run.error() != null).findFirst()
                .ifPresent(run -> report.paragraph("First inexact restore: " + run.error()));
    }
}
