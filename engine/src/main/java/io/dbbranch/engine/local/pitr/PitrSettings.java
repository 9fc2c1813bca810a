package io.dbbranch.engine.local.pitr;

import java.time.Duration;
import java.util.Objects;

/**
 * How much restorable history the local cluster keeps.
 *
 * <p>A restore can reach any moment after the oldest kept base backup. Pruning keeps every base backup younger than
 * {@code historyWindow} plus the newest older one (so the whole window stays reachable), at most
 * {@code maxBaseBackups} of them, and the archived WAL from the oldest kept backup on; older WAL is deleted. The
 * window is therefore at least {@code historyWindow} as long as backups are taken about every
 * {@code backupInterval} and {@code maxBaseBackups} covers the window.
 *
 * @param historyWindow  how far back restores must stay possible (default 7 days)
 * @param backupInterval how old the newest base backup may get before a new one is due (default 1 day); replay
 *                       time grows with the WAL written since the backup a restore starts from
 * @param maxBaseBackups the most base backups kept (default 8), each a full copy of the data folder
 */
public record PitrSettings(Duration historyWindow, Duration backupInterval, int maxBaseBackups) {

    public PitrSettings {
        Objects.requireNonNull(historyWindow, "historyWindow");
        Objects.requireNonNull(backupInterval, "backupInterval");
        if (historyWindow.isNegative() || backupInterval.isNegative() || backupInterval.isZero()) {
            throw new IllegalArgumentException("historyWindow must not be negative and backupInterval must be positive");
        }
        if (maxBaseBackups < 1) {
            throw new IllegalArgumentException("maxBaseBackups must be at least 1, was " + maxBaseBackups);
        }
    }

    public static PitrSettings defaults() {
        return new PitrSettings(Duration.ofDays(7), Duration.ofDays(1), 8);
    }
}
