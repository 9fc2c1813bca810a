package io.dbbranch.engine.migration;

import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.RestorePoint;
import java.time.Instant;
import java.util.Objects;

/**
 * A point in a database's history recorded just before dbbranch changed it, so that {@code pitrRestore} can take the
 * database back there: by LSN (exact), by time, or by name where PostgreSQL holds a named restore point.
 *
 * @param name      e.g. {@code dbbranch-migrate-main-20260301T101500Z}; unique per database
 * @param database  the database it belongs to
 * @param time      the server's clock at the point: restoring to this time keeps every commit made before it
 * @param lsn       the WAL position of the point ({@code 0/3000060}); restoring up to it excludes the change
 * @param named     whether {@code pg_create_restore_point(name)} wrote a named point into the WAL
 *                  (it needs superuser or an explicit grant, and {@code wal_level} replica or higher)
 * @param reason    why it was taken ({@code before migrating main to version 4})
 * @param createdBy who took it ({@code cli@host}, a Jenkins job and build)
 * @param note      why there is no named point, when there is none
 */
public record RecordedRestorePoint(String name, String database, Instant time, String lsn, boolean named, String reason,
                                   String createdBy, String note) {
    public RecordedRestorePoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(lsn, "lsn");
    }

    /** The exact point to restore to: its LSN. */
    public PointInTime pointInTime() {
        return PointInTime.atLsn(lsn);
    }

    /** The provider-neutral form. */
    public RestorePoint restorePoint() {
        return new RestorePoint(time, lsn);
    }

    @Override
    public String toString() {
        return name + " at " + time + " (LSN " + lsn + (named ? ", named in the WAL" : "") + ")";
    }
}
