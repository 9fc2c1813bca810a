package io.dbbranch.engine.migration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * A migration script of the checkout, as Flyway resolved it from the locations.
 *
 * @param version     its version, {@code null} for a repeatable migration
 * @param description its description
 * @param script      its script name ({@code V2__add_entity_status.sql})
 * @param checksum    Flyway's checksum of the script
 */
public record ScriptMigration(String version, String description, String script, Integer checksum) {
    public ScriptMigration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }

    @JsonIgnore
    public boolean isRepeatable() {
        return version == null;
    }
}
