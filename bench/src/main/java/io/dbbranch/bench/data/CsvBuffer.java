package io.dbbranch.bench.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects CSV rows into chunks of about a megabyte, quoting fields as PostgreSQL's CSV format expects. */
final class CsvBuffer {
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder(CHUNK + 4096);
    private boolean rowStarted;
    private long rows;

    CsvBuffer field(long value) {
        separator();
        current.append(value);
        return this;
    }

    /** A field written as is: the caller guarantees it holds no comma, quote or line break. */
    CsvBuffer plain(String value) {
        separator();
        current.append(value);
        return this;
    }

    /** A field that may hold commas or quotes, written quoted. */
    CsvBuffer quoted(String value) {
        separator();
        current.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                current.append('"');
            }
            current.append(c);
        }
        current.append('"');
        return this;
    }

    /** Money as {@code 123.45} from a number of cents. */
    CsvBuffer cents(long cents) {
        separator();
        current.append(cents / 100).append('.');
        long rest = cents % 100;
        if (rest < 10) {
            current.append('0');
        }
        current.append(rest);
        return this;
    }

    /** An empty (NULL) field. */
    CsvBuffer nullField() {
        separator();
        return this;
    }

    void endRow() {
        current.append('\n');
        rowStarted = false;
        rows++;
        if (current.length() >= CHUNK) {
            flush();
        }
    }

    TableData finish(String table, List<String> columns) {
        flush();
        return new TableData(table, columns, chunks, rows);
    }

    private void separator() {
        if (rowStarted) {
            current.append(',');
        }
        rowStarted = true;
    }

    private void flush() {
        if (current.length() > 0) {
            chunks.add(current.toString().getBytes(StandardCharsets.US_ASCII));
            current.setLength(0);
        }
    }
}
