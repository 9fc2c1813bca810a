package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.HistoryWindow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

/**
 * How far back a branch of the project may start: the project's {@code history_retention_duration} (its status,
 * else its spec), or the configured fallback when the project does not say. The window is the same for every
 * branch of a project and runs from now minus the retention to now; the service itself refuses points the window
 * promised but it cannot reach (such as before the source branch existed).
 */
final class HistoryRetention {
    private final LakebaseApi api;
    private final Duration fallback;
    private final Clock clock;

    HistoryRetention(LakebaseApi api, Duration fallback, Clock clock) {
        this.api = api;
        this.fallback = fallback;
        this.clock = clock;
    }

    HistoryWindow window() {
        String reported = api.getProject().historyRetentionDuration();
        Duration retention = reported == null ? fallback : parse(reported);
        return new HistoryWindow(clock.instant().minus(retention), null);
    }

    /** A protobuf JSON duration: decimal seconds with an {@code s} suffix, e.g. {@code "604800s"} or {@code "1.5s"}. */
    static Duration parse(String text) {
        if (!text.matches("\\d+(\\.\\d{1,9})?s")) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, "Read the history retention of the Lakebase project",
                    "the service reported '" + text + "', not a duration such as '604800s'",
                    "Report this answer to the dbbranch maintainers");
        }
        BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
        return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    }
}
