package io.dbbranch.cli.output;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Moments for people: whole seconds, UTC ({@code 2025-05-01T12:00:00Z}). JSON keeps the full precision. */
public final class Times {
    private Times() {
    }

    /** {@code null} stays {@code null}. */
    public static String human(Instant moment) {
        return moment == null ? null : moment.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
