package io.dbbranch.bench.speed;

import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import java.util.List;
import java.util.Map;

/** Turns the speed figures into the report's tables and goals. */
final class SpeedReport {
    private static final Map<String, String> LABELS = Map.of("branch", "(a) dbbranch branch",
            "fresh", "(b) fresh + migrate + load", "copy", "(c) logical copy", "template", "bare template copy");
    private static final List<String> KEYS = List.of("branch", "fresh", "copy", "template");
    static final double GOAL_RATIO = 20;

    private SpeedReport() {
    }

    static void describe(Report report, List<SizeResult> results, SpeedBenchmark.Options options) {
        report.result("sizes", results);
        goals(report, results);

        report.heading("Time to a ready database (median of " + options.runs() + " runs)");
        MarkdownTable medians = new MarkdownTable("Size (actual)", "Rows", LABELS.get("branch"), LABELS.get("fresh"),
                LABELS.get("copy"), "(b) ÷ (a)", "(c) ÷ (a)", "Reference: " + LABELS.get("template"));
        for (SizeResult result : results) {
            medians.row(result.targetMb() + " MB (" + Figures.megabytes(result.databaseBytes()) + ")", result.rows(),
                    median(result, "branch"), median(result, "fresh"), median(result, "copy"),
                    "**" + Figures.ratio(result.ratioToBranch().get("fresh")) + "**",
                    "**" + Figures.ratio(result.ratioToBranch().get("copy")) + "**", median(result, "template"));
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
            report.heading("How each way grows with size");
            MarkdownTable growth = new MarkdownTable(header(results));
            SizeResult first = results.get(0);
            SizeResult last = results.get(results.size() - 1);
            for (String key : KEYS) {
                Object[] row = new Object[results.size() + 2];
                row[0] = LABELS.get(key);
                for (int i = 0; i < results.size(); i++) {
                    row[i + 1] = median(results.get(i), key);
                }
                row[row.length - 1] = Figures.ratio(last.elapsed().get(key).medianMs() / first.elapsed().get(key).medianMs());
                growth.row(row);
            }
            report.table(growth);
        }

        report.heading("Where the time goes (medians)");
        MarkdownTable steps = new MarkdownTable("Size", "Way", "Steps", "Removal afterwards (not counted)");
        for (SizeResult result : results) {
            for (String key : KEYS) {
                StringBuilder text = new StringBuilder();
                result.stepMediansMs().get(key).forEach((step, ms) ->
                        text.append(text.length() == 0 ? "" : ", ").append(step).append(' ').append(Figures.millis(ms)));
                steps.row(result.targetMb() + " MB", LABELS.get(key), text, Figures.millis(result.removal().get(key).medianMs()));
            }
        }
        report.table(steps);

        report.heading("Spread");
        MarkdownTable spread = new MarkdownTable("Size", "Way", "min", "median", "p95", "max");
        for (SizeResult result : results) {
            for (String key : KEYS) {
                var summary = result.elapsed().get(key);
                spread.row(result.targetMb() + " MB", LABELS.get(key), Figures.millis(summary.minMs()),
                        Figures.millis(summary.medianMs()), Figures.millis(summary.p95Ms()), Figures.millis(summary.maxMs()));
            }
        }
        report.table(spread);

        report.heading("Data");
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

    private static void goals(Report report, List<SizeResult> results) {
        SizeResult first = results.get(0);
        for (String key : List.of("fresh", "copy")) {
            double ratio = first.ratioToBranch().get(key);
            report.goal(new Goal("(a) at least " + (int) GOAL_RATIO + "× faster than " + LABELS.get(key) + " at "
                    + first.targetMb() + " MB", Figures.ratio(ratio), ratio >= GOAL_RATIO));
        }
        if (results.size() > 1) {
            SizeResult last = results.get(results.size() - 1);
            for (String key : List.of("fresh", "copy")) {
                double small = first.ratioToBranch().get(key);
                double large = last.ratioToBranch().get(key);
                report.goal(new Goal("the gap to " + LABELS.get(key) + " widens from " + first.targetMb() + " MB to "
                        + last.targetMb() + " MB", Figures.ratio(small) + " → " + Figures.ratio(large), large > small));
            }
        }
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
        return Figures.millis(result.elapsed().get(key).medianMs());
    }
}
