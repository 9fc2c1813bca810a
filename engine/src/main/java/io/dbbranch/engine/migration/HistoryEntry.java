package io.dbbranch.engine.migration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * One row of a database's schema history table.
 *
 * @param rank        Flyway's {@code installed_rank}
 * @param version     the version, {@code null} for a repeatable migration
 * @param description the description
 * @param type        Flyway's type ({@code SQL}, {@code JDBC}, {@code BASELINE}, …)
 * @param script      the script name
 * @param checksum    the checksum recorded when it was applied
 * @param success     whether it succeeded
 */
public record HistoryEntry(int rank, String version, String description, String type, String script, Integer checksum,
                           boolean success) {
    public HistoryEntry {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
    }

    @JsonIgnore
    public boolean isBaseline() {
        return type.contains("BASELINE");
    }
}
