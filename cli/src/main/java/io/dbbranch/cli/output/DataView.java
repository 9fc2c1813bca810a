package io.dbbranch.cli.output;

import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.data.BranchDataResult.TableOutcome;
import java.util.ArrayList;
import java.util.List;

/** What was done to a new branch's data, one line per table for a human (the summary and warnings come as progress). */
public final class DataView {
    private DataView() {
    }

    public static List<String> lines(BranchDataResult result) {
        List<String> lines = new ArrayList<>();
        for (TableOutcome table : result.tables()) {
            String what = switch (table.action()) {
                case MASKED -> "masked " + table.rows() + " rows (" + String.join(", ", table.columns()) + ")";
                case EMPTIED -> "emptied";
                case KEPT -> "kept " + table.rows() + " rows";
            };
            lines.add("  " + table.table() + ": " + what);
        }
        return lines;
    }
}
