package io.dbbranch.bench.speed;

import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.support.SetupResult;
import io.dbbranch.bench.support.SetupRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the speed figures into the report's tables and goals. */
final class SpeedReport {
    private static final Map<String, String> LABELS = Map.of("branch", "(a) dbbranch branch",
            "fresh", "(b) fresh + migrate + load", "copy", "(c) logical copy", "template", "bare template copy");
    private static final List<String> ALL_KEYS = List.of("branch", "fresh", "copy", "template");
    static final double GOAL_RATIO = 20;
    /** Where files are cloned: a branch of the largest size within this, */
    static final double CLONE_GOAL_MS = 150;
    /** and at most this many times a branch of the smallest, */
    static final double CLONE_GOAL_GROWTH = 2;
    /** and at least this many times faster than (b) at the largest size. */
    static final double CLONE_GOAL_RATIO = 200;

    private SpeedReport() {
    }

    static void describe(Report report, List<SetupResult<SizeResult>> setups, SpeedBenchmark.Options options) {
        if (setups.size() > 1) {
            sideBySide(report, setups);
        }
        SetupRuns.describeEach(report, setups, (prefix, setup) -> {
            goals(report, prefix, setup);
            describe(report, prefix, setup.results(), options);
        });
    }

    /** One line per setup: the branch at each size, its growth and the ratio to (b). */
    private static void sideBySide(Report report, List<SetupResult<SizeResult>> setups) {
        SetupResult<SizeResult> any = setups.stream().filter(SetupResult::measured).findFirst().orElse(null);
        if (any == null) {
            return;
        }
        List<SizeResult> sizes = any.results();
        List<String> header = new ArrayList<>(List.of("Setup", "File system, server, branch files"));
        sizes.forEach(size -> header.add("(a) at " + size.targetMb() + " MB"));
        header.add("growth");
        sizes.forEach(size -> header.add("(b) ÷ (a) at " + size.targetMb() + " MB"));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        for (SetupResult<SizeResult> setup : setups) {
            List<Object> row = new ArrayList<>(List.of(setup.setup(), setup.describe()));
            for (int i = 0; i < sizes.size(); i++) {
                row.add(setup.measured() ? "**" + median(setup.results().get(i), "branch") + "**" : "–");
            }
            row.add(setup.measured() ? Figures.ratio(growth(setup.results(), "branch")) : "–");
            for (int i = 0; i < sizes.size(); i++) {
                Double ratio = setup.measured() ? setup.results().get(i).ratioToBranch().get("fresh") : null;
                row.add(ratio == null ? "–" : Figures.ratio(ratio));
            }
            table.row(row.toArray());
        }
        report.heading("Side by side (medians)").table(table);
    }

    private static void describe(Report report, String prefix, List<SizeResult> results, SpeedBenchmark.Options options) {
        List<String> keys = ALL_KEYS.stream().filter(key -> results.get(0).elapsed().containsKey(key)).toList();
        report.heading(prefix + "Time to a ready database (median of " + options.runs() + " runs"
                + (options.baselineRuns() < options.runs() ? ", of " + options.baselineRuns() + " for (b) and (c)" : "") + ")");
        MarkdownTable medians = new MarkdownTable("Size (actual)", "Rows", LABELS.get("branch"), LABELS.get("fresh"),
                LABELS.get("copy"), "(b) ÷ (a)", "(c) ÷ (a)", "Reference: " + LABELS.get("template"));
        for (SizeResult result : results) {
            medians.row(result.targetMb() + " MB (" + Figures.megabytes(result.databaseBytes()) + ")", result.rows(),
                    median(result, "branch"), median(result, "fresh"), median(result, "copy"),
                    "**" + ratio(result, "fresh") + "**", "**" + ratio(result, "copy") + "**", median(result, "template"));
        }
        report.table(medians);
        report.paragraph("(a) is `BranchLease.open` on the local provider up to a credential that has logged in "
                + "(CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY, labels, a login role owning every object, a JWT "
                + "password, a real login and `SELECT 1`). (b) is CREATE DATABASE, the five Flyway migrations of "
                + "`bench/src/main/resources/io/dbbranch/bench/migrations`, then `COPY … FROM STDIN (FORMAT csv)` of CSV "
                + "generated in memory beforehand (generation not timed). (c) is CREATE DATABASE, the same migrations, "
                + "then every table streamed from the parent with `COPY … TO STDOUT` into `COPY … FROM STDIN` (text "
                + "format, as pg_dump/pg_restore), over JDBC. Every made database is checked to hold every row. "
                + "The reference is the bare `CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY` (a) is built on: the "
                + "difference is what the lease adds (labels, role, ownership, credential, login).");

        if (results.size() > 1) {
            report.heading(prefix + "How each way grows with size");
            MarkdownTable growth = new MarkdownTable(header(results));
            for (String key : keys) {
                Object[] row = new Object[results.size() + 2];
                row[0] = LABELS.get(key);
                for (int i = 0; i < results.size(); i++) {
                    row[i + 1] = median(results.get(i), key);
                }
                row[row.length - 1] = Figures.ratio(growth(results, key));
                growth.row(row);
            }
            report.table(growth);
        }

        report.heading(prefix + "Where the time goes (medians)");
        MarkdownTable steps = new MarkdownTable("Size", "Way", "Steps", "Removal afterwards (not counted)");
        for (SizeResult result : results) {
            for (String key : keys) {
                StringBuilder text = new StringBuilder();
                result.stepMediansMs().get(key).forEach((step, ms) ->
                        text.append(text.length() == 0 ? "" : ", ").append(step).append(' ').append(Figures.millis(ms)));
                steps.row(result.targetMb() + " MB", LABELS.get(key), text, Figures.millis(result.removal().get(key).medianMs()));
            }
        }
        report.table(steps);

        report.heading(prefix + "Spread");
        MarkdownTable spread = new MarkdownTable("Size", "Way", "min", "median", "p95", "max");
        for (SizeResult result : results) {
            for (String key : keys) {
                var summary = result.elapsed().get(key);
                spread.row(result.targetMb() + " MB", LABELS.get(key), Figures.millis(summary.minMs()),
                        Figures.millis(summary.medianMs()), Figures.millis(summary.p95Ms()), Figures.millis(summary.maxMs()));
            }
        }
        report.table(spread);

        report.heading(prefix + "Data");
        MarkdownTable data = new MarkdownTable("Size", "Database", "Rows", "CSV", "Generating CSV", "Building the parent");
        for (SizeResult result : results) {
            data.row(result.targetMb() + " MB", Figures.megabytes(result.databaseBytes()), result.rows(),
                    Figures.megabytes(result.csvBytes()), Figures.millis(result.generateMs()), Figures.millis(result.parentBuildMs()));
        }
        report.table(data);
        report.paragraph("Tables customers, products, orders, order_items and events: bigint, uuid, varchar, char, "
                + "numeric, timestamptz, boolean, an enum, jsonb and inet columns, primary, unique and foreign keys and "
                + "secondary indexes. Rows are generated deterministically from the seed (same size and seed, same bytes).");
    }

    private static void goals(Report report, String prefix, SetupResult<SizeResult> setup) {
        List<SizeResult> results = setup.results();
        SizeResult first = results.get(0);
        SizeResult last = results.get(results.size() - 1);
        for (String key : List.of("fresh", "copy")) {
            if (!first.ratioToBranch().containsKey(key)) {
                continue;
            }
            double ratio = first.ratioToBranch().get(key);
            report.goal(new Goal(prefix + "(a) at least " + (int) GOAL_RATIO + "× faster than " + LABELS.get(key) + " at "
                    + first.targetMb() + " MB", Figures.ratio(ratio), ratio >= GOAL_RATIO));
            if (results.size() > 1) {
                double large = last.ratioToBranch().get(key);
                report.goal(new Goal(prefix + "the gap to " + LABELS.get(key) + " widens from " + first.targetMb() + " MB to "
                        + last.targetMb() + " MB", Figures.ratio(ratio) + " → " + Figures.ratio(large), large > ratio));
            }
        }
        if (!setup.clonesFiles()) {
            return;
        }
        double largest = last.elapsed().get("branch").medianMs();
        report.goal(new Goal(prefix + "cloned: a branch of " + last.targetMb() + " MB within " + (int) CLONE_GOAL_MS + " ms",
                Figures.millis(largest), largest <= CLONE_GOAL_MS));
        if (results.size() > 1) {
            double growth = growth(results, "branch");
            report.goal(new Goal(prefix + "cloned: a branch of " + last.targetMb() + " MB at most " + (int) CLONE_GOAL_GROWTH
                    + "× one of " + first.targetMb() + " MB", Figures.ratio(growth), growth <= CLONE_GOAL_GROWTH));
        }
        if (last.ratioToBranch().containsKey("fresh")) {
            double ratio = last.ratioToBranch().get("fresh");
            report.goal(new Goal(prefix + "cloned: at least " + (int) CLONE_GOAL_RATIO + "× faster than " + LABELS.get("fresh")
                    + " at " + last.targetMb() + " MB", Figures.ratio(ratio), ratio >= CLONE_GOAL_RATIO));
        }
    }

    private static double growth(List<SizeResult> results, String key) {
        return results.get(results.size() - 1).elapsed().get(key).medianMs() / results.get(0).elapsed().get(key).medianMs();
    }

    private static String ratio(SizeResult result, String key) {
        Double ratio = result.ratioToBranch().get(key);
        return ratio == null ? "–" : Figures.ratio(ratio);
    }

    private static String[] header(List<SizeResult> results) {
        String[] header = new String[results.size() + 2];
        header[0] = "Way";
        for (int i = 0; i < results.size(); i++) {
            header[i + 1] = results.get(i).targetMb() + " MB";
        }
        header[header.length - 1] = "growth " + results.get(0).targetMb() + " → " + results.get(results.size() - 1).targetMb() + " MB";
        return header;
    }

    private static String median(SizeResult result, String key) {
        var summary = result.elapsed().get(key);
        return summary == null ? "–" : Figures.millis(summary.medianMs());
    }
}
