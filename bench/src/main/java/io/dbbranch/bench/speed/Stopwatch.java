package io.dbbranch.bench.speed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Times a sequence of named steps and their total. */
final class Stopwatch {
    private final long start = System.nanoTime();
    private final Map<String, Duration> steps = new LinkedHashMap<>();
    private long last = start;

    /** Ends the step that started at the previous lap (or at the start). */
    Stopwatch lap(String step) {
        long now = System.nanoTime();
        steps.put(step, Duration.ofNanos(now - last));
        last = now;
        return this;
    }

    Duration total() {
        return Duration.ofNanos(last - start);
    }

    Map<String, Duration> steps() {
        return steps;
    }
}
