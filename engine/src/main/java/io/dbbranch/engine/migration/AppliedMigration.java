package io.dbbranch.engine.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * One migration Flyway applied.
 *
 * @param version      its version, {@code null} for a repeatable migration
 * @param description  its description ({@code add entity status})
 * @param script       its script ({@code V2__add_entity_status.sql})
 * @param checksum     Flyway's CRC32 checksum of the script, as recorded in the history table
 * @param duration     how long it ran, as Flyway recorded it
 * @param rowsAffected rows inserted, updated or deleted in its transaction (from {@code pg_stat_xact_user_tables});
 *                     {@code null} where that cannot be told: a migration run outside a transaction
 *                     ({@code CREATE INDEX CONCURRENTLY}). Table rewrites by DDL are not row changes and not counted.
 */
public record AppliedMigration(String version, String description, String script, Integer checksum, Duration duration,
                               Long rowsAffected) {

    public AppliedMigration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** The version, or {@code R} for a repeatable migration, as Flyway prints it. */
    public String displayVersion() {
        return version == null ? "R" : version;
    }
}
