package io.dbbranch.bench.report;

import java.util.Locale;

/** How the reports write numbers, so every table reads the same. */
public final class Figures {
    private Figures() {
    }

    /** Milliseconds as {@code 183 ms}, {@code 4.21 s} or {@code 2 min 3 s}. */
    public static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1_000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        long seconds = Math.round(ms / 1000);
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** A ratio as {@code 37.4×}. */
    public static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    /** Bytes as MiB with one decimal. */
    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    public static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
