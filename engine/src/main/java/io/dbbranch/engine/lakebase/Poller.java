package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.http.Sleeper;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/** Polls until something is done, with a growing pause (×1.5 up to 5 s), a deadline and progress reports. */
final class Poller {
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

    /** One look: either the result, or what is still awaited (for the progress message). */
    record Step<T>(T result, String waitingFor) {
        static <T> Step<T> done(T result) {
            return new Step<>(result, null);
        }

        static <T> Step<T> waiting(String waitingFor) {
            return new Step<>(null, waitingFor);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration firstInterval;

    Poller(Clock clock, Sleeper sleeper, Duration firstInterval) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.firstInterval = firstInterval;
    }

    /**
     * Looks with {@code look} until it returns a result.
     *
     * @param asked what the caller asked for, for the timeout message
     * @throws DbBranchException {@code TIMEOUT} when {@code timeout} passes first; {@code INTERRUPTED}
     */
    <T> T until(String asked, Duration timeout, Progress progress, Supplier<Step<T>> look) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Duration interval = firstInterval;
        String lastWait = null;
        Instant lastReport = Instant.MIN;
        while (true) {
            Step<T> step = look.get();
            if (step.waitingFor() == null) {
                return step.result();
            }
            Instant now = clock.instant();
            Duration elapsed = Duration.between(start, now);
            if (!now.isBefore(deadline)) {
                throw DbBranchException.of(ErrorCode.TIMEOUT, asked, "not done after " + seconds(elapsed) + " ("
                        + step.waitingFor() + ")", "Try again with a longer timeout, or check the project's state in the "
                        + "Databricks console");
            }
            if (!step.waitingFor().equals(lastWait) || !now.isBefore(lastReport.plusSeconds(10))) {
                progress.report(asked + ": " + step.waitingFor() + " (" + seconds(elapsed) + ")");
                lastWait = step.waitingFor();
                lastReport = now;
            }
            Duration remaining = Duration.between(now, deadline);
            try {
                sleeper.sleep(interval.compareTo(remaining) < 0 ? interval : remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted while " + step.waitingFor(), e);
            }
            Duration longer = Duration.ofMillis(interval.toMillis() * 3 / 2);
            interval = longer.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : longer;
        }
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
