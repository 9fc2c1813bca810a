package io.dbbranch.engine.review;

import java.util.Locale;

/** Numbers as a pull-request comment prints them: {@code 1.0 M rows}, {@code 61 MB}, {@code 2.4 s}. */
public final class HumanUnits {
    private static final String[] SIZE_UNITS = {"bytes", "kB", "MB", "GB", "TB"};

    private HumanUnits() {
    }

    /** {@code 812 rows}, {@code 200 k rows}, {@code 1.0 M rows}; an unanalysed table's {@code -1} as unknown. */
    public static String rows(long rows) {
        if (rows < 0) {
            return "row count unknown";
        }
        if (rows >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M rows", rows / 1_000_000.0);
        }
        return rows >= 10_000 ? rows / 1000 + " k rows" : rows + (rows == 1 ? " row" : " rows");
    }

    /** Like {@code pg_size_pretty}: {@code 8192 bytes}, {@code 61 MB}, {@code 4.2 GB}. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value)) + " "
                + SIZE_UNITS[unit];
    }

    /** {@code +1.2 MB}, {@code -8192 bytes}, {@code 0 bytes}: a change in size. */
    public static String bytesChange(long bytes) {
        return (bytes > 0 ? "+" : bytes < 0 ? "-" : "") + bytes(Math.abs(bytes));
    }

    /** {@code 350 ms}, {@code 2.4 s}, {@code 75 s}. */
    public static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms / 1000 + " s";
    }
}
