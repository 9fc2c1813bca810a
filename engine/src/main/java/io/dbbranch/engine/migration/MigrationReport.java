package io.dbbranch.engine.migration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a migration run did to one database: the schema version before and after and every migration applied,
 * in order. On failure, {@link MigrationFailedException#partialReport()} holds the migrations that were applied
 * (and committed) before the failing one.
 *
 * <p>Front ends print it with {@link MigrationReportTable} and serialise it with
 * {@link io.dbbranch.engine.report.ReportJson}.
 *
 * @param database      the database's label (branch or database name)
 * @param versionBefore the schema version before the run, {@code null} for an empty schema history
 * @param versionAfter  the schema version after the run, {@code null} for an empty schema history
 * @param applied       the migrations applied, in the order they ran
 * @param startedAt     when the run started
 * @param duration      how long the whole run took (connecting, validating and migrating)
 * @param warnings      Flyway's warnings, e.g. about out-of-order or future migrations
 */
public record MigrationReport(String database, String versionBefore, String versionAfter, List<AppliedMigration> applied,
                              Instant startedAt, Duration duration, List<String> warnings) {

    public MigrationReport {
        Objects.requireNonNull(database, "database");
        applied = List.copyOf(applied);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Whether the run changed nothing (all migrations were applied already). */
    @JsonIgnore
    public boolean isUpToDate() {
        return applied.isEmpty();
    }
}
