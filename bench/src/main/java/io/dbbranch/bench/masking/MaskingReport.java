package io.dbbranch.bench.masking;

import io.dbbranch.bench.report.Figures;
import io.dbbranch.bench.report.MarkdownTable;
import io.dbbranch.bench.report.Report;
import io.dbbranch.engine.data.BranchDataResult;
import java.util.List;
import java.util.Map;

/** Turns the masking figures into the report's tables. */
final class MaskingReport {
    private static final Map<String, String> LABELS = Map.of("full", "full data", "schema-only", "schema-only",
            "masked", "masked", "of-masked-parent", "full branch of a masked parent");

    private MaskingReport() {
    }

    static void describe(Report report, List<MaskingBenchmark.SizeResult> results, int runs) {
        report.result("sizes", results);
        report.heading("Time to a ready lease (median of " + runs + " runs)");
        MarkdownTable medians = new MarkdownTable("Size (actual)", "Rows", LABELS.get("full"), LABELS.get("schema-only"),
                LABELS.get("masked"), "masked ÷ full", LABELS.get("of-masked-parent"), "Masked parent made once in");
        for (MaskingBenchmark.SizeResult result : results) {
            medians.row(result.targetMb() + " MB (" + Figures.megabytes(result.databaseBytes()) + ")", result.rows(),
                    median(result, "full"), median(result, "schema-only"), median(result, "masked"),
                    "**" + Figures.ratio(result.ratioToFull().get("masked")) + "**", median(result, "of-masked-parent"),
                    Figures.millis(result.maskedParentMs()));
        }
        report.table(medians);
        report.paragraph("Each time is `BranchLease.open` on the local provider up to a credential that has logged in. "
                + "Schema-only empties every table in one TRUNCATE (statistics deleted by the administrator); masked runs one "
                + "UPDATE per table as the branch's own role, then VACUUM (ANALYZE) of the masked tables, all before the build's credential is minted. "
                + "The last column is `dbbranch create <parent>-masked --parent <parent> --data masked`, done once (e.g. "
                + "nightly); builds then branch from it at full-branch speed.");

        MaskingBenchmark.SizeResult last = results.get(results.size() - 1);
        report.heading("What masking did at " + last.targetMb() + " MB (masking step median " + Figures.millis(last.maskingStepMedianMs()) + ")");
        MarkdownTable tables = new MarkdownTable("Table", "Rows masked", "Columns");
        for (BranchDataResult.TableOutcome table : last.masked()) {
            tables.row(table.table(), table.rows(), String.join(", ", table.columns()));
        }
        report.table(tables);
    }

    private static String median(MaskingBenchmark.SizeResult result, String key) {
        return Figures.millis(result.elapsed().get(key).medianMs());
    }
}
