package io.dbbranch.engine.capacity;

import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;

/**
 * The progress lines of one wait for a slot: a line when the situation changes (fewer builds ahead, another reason
 * to wait), otherwise at most one every {@link #REPEAT}, however often the waiter polls.
 */
final class WaitReport {
    /** How often an unchanged wait is reported again. */
    static final Duration REPEAT = Duration.ofSeconds(30);

    private final Progress progress;
    private final String connection;
    private final long started = System.nanoTime();
    private String lastState;
    private long lastReported;

    WaitReport(Progress progress, String connection) {
        this.progress = progress;
        this.connection = connection;
    }

    /** Reports "waiting for a branch slot on {connection}: {state}" unless the same state was reported lately. */
    void waiting(String state) {
        long now = System.nanoTime();
        if (state.equals(lastState) && now - lastReported < REPEAT.toNanos()) {
            return;
        }
        boolean repeated = state.equals(lastState);
        lastState = state;
        lastReported = now;
        progress.report("waiting for a branch slot on " + connection + ": " + state
                + (repeated ? " (waiting " + DurationText.format(waited().withNanos(0)) + ")" : ""));
    }

    /** Reports that the wait is over, if there was one. */
    void done() {
        if (lastState != null) {
            progress.report("got a branch slot on " + connection + " after " + DurationText.format(waited().withNanos(0)));
        }
    }

    Duration waited() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
