package io.dbbranch.engine.spi;

import java.util.Objects;

/**
 * An owner's way into an existing branch, to change it in place: what {@code migrateUpstream} needs to apply
 * migrations to a parent such as {@code main}. Unlike a branch credential it reaches the parent itself, so
 * providers hand it out only where the configured identity may own the parent.
 *
 * @param connection where the parent accepts connections (a direct endpoint, never a transaction pooler:
 *                   migrations hold session locks)
 * @param credential a login that owns the parent's objects (the admin on {@code postgres}/{@code local})
 */
public record ParentAccess(ConnectionDetails connection, Credential credential) {
    public ParentAccess {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(credential, "credential");
    }
}
