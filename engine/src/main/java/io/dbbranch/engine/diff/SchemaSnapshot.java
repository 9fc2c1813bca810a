package io.dbbranch.engine.diff;

import java.util.List;
import java.util.Objects;

/**
 * The schema of one database as read from {@code pg_catalog}: user tables with their columns, indexes and
 * constraints, views, functions, sequences and enum types. System schemas, extension members and dbbranch's own
 * bookkeeping schema are left out. Every list is in a stable order, so equal schemas give equal snapshots.
 *
 * @param database the database's label
 */
public record SchemaSnapshot(String database, List<Table> tables, List<View> views, List<Function> functions,
                             List<Sequence> sequences, List<EnumType> enums) {

    public SchemaSnapshot {
        Objects.requireNonNull(database, "database");
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        functions = List.copyOf(functions);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
    }

    /** A table (or partitioned table) and what hangs off it. */
    public record Table(String schema, String name, List<Column> columns, List<Index> indexes, List<Constraint> constraints) {
        public Table {
            columns = List.copyOf(columns);
            indexes = List.copyOf(indexes);
            constraints = List.copyOf(constraints);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /**
     * A column.
     *
     * @param type         as {@code format_type} prints it: {@code character varying(100)}, {@code numeric(10,2)}
     * @param defaultValue the default expression, {@code null} for none
     * @param identity     {@code always}, {@code by default} or {@code null}
     * @param generated    the generation expression of a stored generated column, or {@code null}
     */
    public record Column(String name, String type, String defaultValue, boolean notNull, String identity, String generated) {
        /** {@code text NOT NULL DEFAULT 'basic'::text}, for reports. */
        public String describe() {
            StringBuilder text = new StringBuilder(type);
            if (notNull) {
                text.append(" NOT NULL");
            }
            if (defaultValue != null) {
                text.append(generated != null ? " GENERATED ALWAYS AS (" + defaultValue + ") STORED" : " DEFAULT " + defaultValue);
            }
            if (identity != null) {
                text.append(" GENERATED ").append(identity.toUpperCase(java.util.Locale.ROOT)).append(" AS IDENTITY");
            }
            return text.toString();
        }

        /** Whether an insert that leaves the column out still gets a value. */
        public boolean fillsItself() {
            return defaultValue != null || identity != null || generated != null;
        }
    }

    /** An index that does not implement a constraint (those are listed as constraints). */
    public record Index(String name, String definition) {
    }

    /**
     * A constraint.
     *
     * @param type {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK} or {@code EXCLUDE}
     */
    public record Constraint(String name, String type, String definition) {
    }

    /** A view or materialized view. */
    public record View(String schema, String name, boolean materialized, String definition) {
        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /**
     * A function, procedure or aggregate.
     *
     * @param signature  {@code name(argument types)}
     * @param definition {@code pg_get_functiondef}, {@code null} for aggregates
     */
    public record Function(String schema, String signature, String kind, String definition) {
        public String qualifiedName() {
            return schema + "." + signature;
        }
    }

    /** A sequence not owned by an identity column (those are part of their column). */
    public record Sequence(String schema, String name, String dataType, long start, long increment, long min, long max,
                           boolean cycle) {
        public String qualifiedName() {
            return schema + "." + name;
        }

        public String describe() {
            return dataType + " START " + start + " INCREMENT " + increment + " MINVALUE " + min + " MAXVALUE " + max
                    + (cycle ? " CYCLE" : "");
        }
    }

    /** An enum type and its labels in sort order. */
    public record EnumType(String schema, String name, List<String> labels) {
        public EnumType {
            labels = List.copyOf(labels);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }
    }
}
