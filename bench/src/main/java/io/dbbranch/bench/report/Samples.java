package io.dbbranch.bench.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one thing, in milliseconds, with the statistics the reports quote. */
public final class Samples {
    private final List<Double> millis = new ArrayList<>();

    public synchronized void add(Duration duration) {
        millis.add(duration.toNanos() / 1e6);
    }

    public synchronized void addMillis(double value) {
        millis.add(value);
    }

    public synchronized int count() {
        return millis.size();
    }

    public synchronized List<Double> values() {
        return List.copyOf(millis);
    }

    /** The middle value (mean of the two middle ones for an even count); NaN when empty. */
    public double median() {
        return percentile(50);
    }

    /** The nearest-rank percentile, e.g. 95; NaN when empty. */
    public synchronized double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (p == 50) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public synchronized double min() {
        return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public synchronized double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    public synchronized double mean() {
        return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The figures for a JSON report. */
    public Summary summary() {
        return new Summary(count(), median(), min(), max(), percentile(95), mean());
    }

    /** Statistics of a {@link Samples}, in milliseconds. */
    public record Summary(int count, double medianMs, double minMs, double maxMs, double p95Ms, double meanMs) {
    }
}
