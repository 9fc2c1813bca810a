package io.dbbranch.engine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table with aligned columns, for reports printed in a console or a build log:
 *
 * <pre>
 * Version  Description   Rows
 * -------  ------------  ----
 * 1        create items     0
 * </pre>
 *
 * Columns whose header is marked {@link #rightAligned} are padded on the left (numbers). Line breaks inside a cell
 * are replaced by spaces so one row stays one line.
 */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> headers, boolean[] right) {
        this.headers = headers;
        this.right = right;
    }

    /** A table with these column headers, all left-aligned. */
    public static TextTable withHeaders(String... headers) {
        return new TextTable(List.of(headers), new boolean[headers.length]);
    }

    /** Right-aligns the columns with these headers. */
    public TextTable rightAligned(String... columnHeaders) {
        for (String header : columnHeaders) {
            int index = headers.indexOf(header);
            if (index < 0) {
                throw new IllegalArgumentException("no column '" + header + "' in " + headers);
            }
            right[index] = true;
        }
        return this;
    }

    /** Adds a row; {@code null} cells print as empty. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns: " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(Objects.toString(cell, "").replaceAll("\\R", " "));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, one line per row after a header and a rule, each line ending in a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        appendLine(out, rules, widths);
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            line.append(column == 0 ? "" : "  ").append(right[column] ? padding + cell : cell + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
