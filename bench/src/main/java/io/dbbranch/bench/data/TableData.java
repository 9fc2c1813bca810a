package io.dbbranch.bench.data;

import java.util.List;

/**
 * One table's generated rows as CSV held in memory, ready for {@code COPY … FROM STDIN (FORMAT csv)}.
 *
 * @param table   the table name
 * @param columns the columns the CSV fills, in order
 * @param chunks  the CSV text, UTF-8, split into chunks of about a megabyte
 * @param rows    how many rows
 */
public record TableData(String table, List<String> columns, List<byte[]> chunks, long rows) {

    public TableData {
        columns = List.copyOf(columns);
        chunks = List.copyOf(chunks);
    }

    /** The CSV size in bytes. */
    public long bytes() {
        long total = 0;
        for (byte[] chunk : chunks) {
            total += chunk.length;
        }
        return total;
    }

    /** The COPY statement that loads this data. */
    public String copyInSql() {
        return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
    }
}
