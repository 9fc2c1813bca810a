package io.dbbranch.engine.diff;

import java.util.Comparator;
import java.util.Objects;

/**
 * One difference between a branch's schema and its parent's, seen from the parent: what applying the branch's
 * migrations to the parent would do.
 *
 * @param object      what kind of object
 * @param name        its qualified name ({@code public.customers.email} for a column)
 * @param kind        added, dropped or changed
 * @param detail      what it is or how it changed ({@code character varying(100) → character varying(20)})
 * @param destructive whether it can lose data or break writes on a table with rows (PlanetScale's
 *                    {@code can_drop_data})
 * @param reason      why it is destructive, {@code null} otherwise
 */
public record SchemaChange(ObjectType object, String name, Kind kind, String detail, boolean destructive, String reason) {

    /** Reports list changes by name, then object type, then kind: the same changes always print the same. */
    public static final Comparator<SchemaChange> ORDER = Comparator.comparing(SchemaChange::name)
            .thenComparing(SchemaChange::object).thenComparing(SchemaChange::kind).thenComparing(SchemaChange::detail);

    /** The kinds of schema objects compared. */
    public enum ObjectType { TABLE, COLUMN, INDEX, CONSTRAINT, VIEW, MATERIALIZED_VIEW, FUNCTION, SEQUENCE, ENUM }

    /** How an object differs. */
    public enum Kind { ADDED, DROPPED, CHANGED }

    public SchemaChange {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
        if (destructive) {
            Objects.requireNonNull(reason, "a destructive change needs a reason");
        }
    }

    static SchemaChange safe(ObjectType object, String name, Kind kind, String detail) {
        return new SchemaChange(object, name, kind, detail, false, null);
    }

    static SchemaChange destructive(ObjectType object, String name, Kind kind, String detail, String reason) {
        return new SchemaChange(object, name, kind, detail, true, reason);
    }

    /** {@code dropped column}, for reports. */
    public String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + object.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
