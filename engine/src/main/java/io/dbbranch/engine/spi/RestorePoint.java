package io.dbbranch.engine.spi;

import java.time.Instant;

/**
 * The point a branch was actually taken from, as the provider reports it. Either part may be unknown
 * ({@code null}) when the provider does not say.
 *
 * @param time the moment (the last commit visible in the branch, where the provider tells)
 * @param lsn  the WAL position, e.g. {@code 0/3000060}
 */
public record RestorePoint(Instant time, String lsn) {
    @Override
    public String toString() {
        if (time == null && lsn == null) {
            return "unknown";
        }
        if (lsn == null) {
            return time.toString();
        }
        return time == null ? "LSN " + lsn : time + " (LSN " + lsn + ")";
    }
}
