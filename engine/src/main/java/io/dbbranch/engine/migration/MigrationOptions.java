package io.dbbranch.engine.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run Flyway: where the migrations are, which schemas it manages, how far to go and the session
 * guardrails. Immutable; build one with {@link #builder()}. Every setter of the builder documents its default.
 *
 * <p>Differences from Flyway's own defaults, all towards safety: migration names are validated (a misspelt
 * {@code V1_init.sql} fails instead of being silently skipped), a location that does not exist fails, and the
 * {@link Guardrails#DEFAULT} limits apply. {@code clean} stays disabled unless {@link Builder#cleanAllowed}
 * says otherwise, and it is never allowed on a parent.
 */
public final class MigrationOptions {
    /** Flyway's default history table name. */
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    private final List<String> locations;
    private final List<String> schemas;
    private final String target;
    private final Map<String, String> placeholders;
    private final boolean baselineOnMigrate;
    private final String baselineVersion;
    private final boolean outOfOrder;
    private final boolean validateOnMigrate;
    private final boolean cleanAllowed;
    private final String table;
    private final Guardrails guardrails;

    private MigrationOptions(Builder builder) {
        if (builder.locations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is needed, e.g. filesystem:db/migration");
        }
        this.locations = List.copyOf(builder.locations);
        this.schemas = List.copyOf(builder.schemas);
        this.target = builder.target;
        this.placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.placeholders));
        this.baselineOnMigrate = builder.baselineOnMigrate;
        this.baselineVersion = builder.baselineVersion;
        this.outOfOrder = builder.outOfOrder;
        this.validateOnMigrate = builder.validateOnMigrate;
        this.cleanAllowed = builder.cleanAllowed;
        this.table = builder.table;
        this.guardrails = builder.guardrails;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Flyway locations, each {@code filesystem:…} or {@code classpath:…}. */
    public List<String> locations() {
        return locations;
    }

    /** The schemas Flyway manages; empty for the connection's default schema. */
    public List<String> schemas() {
        return schemas;
    }

    /** The version to migrate up to; {@code null} for the latest. */
    public String target() {
        return target;
    }

    public Map<String, String> placeholders() {
        return placeholders;
    }

    public boolean baselineOnMigrate() {
        return baselineOnMigrate;
    }

    /** The baseline version; {@code null} for Flyway's default ({@code 1}). */
    public String baselineVersion() {
        return baselineVersion;
    }

    public boolean outOfOrder() {
        return outOfOrder;
    }

    public boolean validateOnMigrate() {
        return validateOnMigrate;
    }

    public boolean cleanAllowed() {
        return cleanAllowed;
    }

    /** The schema history table's name. */
    public String table() {
        return table;
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    @Override
    public String toString() {
        return "MigrationOptions[locations=" + locations + ", schemas=" + schemas + ", target=" + (target == null ? "latest" : target)
                + ", placeholders=" + placeholders.keySet() + ", baselineOnMigrate=" + baselineOnMigrate
                + ", outOfOrder=" + outOfOrder + ", validateOnMigrate=" + validateOnMigrate + ", cleanAllowed=" + cleanAllowed
                + ", table=" + table + ", " + guardrails.describe() + "]";
    }

    /** Collects options; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final List<String> locations = new ArrayList<>();
        private final List<String> schemas = new ArrayList<>();
        private String target;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private boolean baselineOnMigrate;
        private String baselineVersion;
        private boolean outOfOrder;
        private boolean validateOnMigrate = true;
        private boolean cleanAllowed;
        private String table = DEFAULT_TABLE;
        private Guardrails guardrails = Guardrails.DEFAULT;

        private Builder() {
        }

        /**
         * Adds a Flyway location as written: {@code filesystem:/repo/db/migration} or {@code classpath:db/migration}.
         * A location without a prefix is taken as a folder (unlike Flyway, which would read it from the class path),
         * because a front end's users give folders of their checkout. No default: at least one is needed.
         */
        public Builder location(String location) {
            Objects.requireNonNull(location, "location");
            boolean prefixed = location.startsWith("filesystem:") || location.startsWith("classpath:");
            locations.add(prefixed ? location : "filesystem:" + location);
            return this;
        }

        /** Adds a folder of migrations. */
        public Builder location(Path folder) {
            return location("filesystem:" + folder.toAbsolutePath());
        }

        /** Adds a class path location of migrations, resolved through the class loader given to the migrator. */
        public Builder classpathLocation(String resourceFolder) {
            return location("classpath:" + resourceFolder);
        }

        /** Adds schemas for Flyway to manage; the first holds the history table. Default: the connection's schema. */
        public Builder schemas(String... names) {
            schemas.addAll(List.of(names));
            return this;
        }

        /** Migrates up to and including this version. Default: the latest. */
        public Builder target(String version) {
            this.target = version;
            return this;
        }

        /** Sets a {@code ${name}} placeholder. Default: none but Flyway's built-in ones. */
        public Builder placeholder(String name, String value) {
            placeholders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets several placeholders. */
        public Builder placeholders(Map<String, String> values) {
            values.forEach(this::placeholder);
            return this;
        }

        /** Baselines a non-empty schema that has no history table yet. Default: {@code false} (Flyway refuses). */
        public Builder baselineOnMigrate(boolean enabled) {
            this.baselineOnMigrate = enabled;
            return this;
        }

        /** The version a baseline stands for. Default: Flyway's {@code 1}. */
        public Builder baselineVersion(String version) {
            this.baselineVersion = version;
            return this;
        }

        /** Applies pending migrations older than the latest applied one. Default: {@code false}. */
        public Builder outOfOrder(boolean enabled) {
            this.outOfOrder = enabled;
            return this;
        }

        /** Checks applied migrations against the scripts (checksums, names) before migrating. Default: {@code true}. */
        public Builder validateOnMigrate(boolean enabled) {
            this.validateOnMigrate = enabled;
            return this;
        }

        /**
         * Allows {@code clean} (dropping every object in the managed schemas) on a branch. Default: {@code false}.
         * Never honoured on a parent: {@code UpstreamMigration} refuses options that allow it.
         */
        public Builder cleanAllowed(boolean allowed) {
            this.cleanAllowed = allowed;
            return this;
        }

        /** The schema history table. Default: {@code flyway_schema_history}. */
        public Builder table(String name) {
            this.table = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Session limits for the migration. Default: {@link Guardrails#DEFAULT} (10 s lock wait, 15 min statement). */
        public Builder guardrails(Guardrails limits) {
            this.guardrails = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** @throws IllegalArgumentException when no location was given */
        public MigrationOptions build() {
            return new MigrationOptions(this);
        }
    }
}
