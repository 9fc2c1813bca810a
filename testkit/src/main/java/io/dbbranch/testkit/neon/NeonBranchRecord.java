package io.dbbranch.testkit.neon;

import io.dbbranch.testkit.emulator.BackingPostgres;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One emulated branch and its read-write endpoint, if it has one. Its database is named after its id, on
 * {@code server}: the backing server, or for a branch restored from the past the server the restore runs on (named
 * {@code restoredServer}), which branches made from it share. Mutable; guarded by the {@link ProjectStore}.
 */
final class NeonBranchRecord {
    final String id;
    final Instant created;
    final boolean isDefault;
    final String endpointId;
    String name;
    /** Its parent, and where in the parent's history it starts; an in-place restore moves them. */
    String parentId;
    String parentLsn;
    /** The moment of the parent's history it starts from, for a branch of the past; {@code null} otherwise. */
    Instant parentTimestamp;
    BackingPostgres server;
    /** The name of the restored server that holds it; {@code null} on the backing server. */
    String restoredServer;
    Instant updated;
    Instant expires;
    String state;
    boolean endpointStarted;
    int endpointPollsLeft;
    final Map<String, String> annotation = new LinkedHashMap<>();
    /** Role name → password (null when not known, e.g. after a restart of the emulator). */
    final Map<String, String> roles = new LinkedHashMap<>();

    NeonBranchRecord(String id, String name, Instant created, String parentId, String parentLsn, boolean isDefault,
                     String endpointId, Instant expires, String state, BackingPostgres server) {
        this.id = id;
        this.name = name;
        this.created = created;
        this.updated = created;
        this.parentId = parentId;
        this.parentLsn = parentLsn;
        this.isDefault = isDefault;
        this.endpointId = endpointId;
        this.expires = expires;
        this.state = state;
        this.server = server;
    }

    /** The database that holds the branch's data. */
    String database() {
        return id;
    }

    /** Whether the branch has a compute endpoint (one is made only when the create asks for it). */
    boolean hasEndpoint() {
        return endpointId != null;
    }

    /** The endpoint's state: {@code init} until its compute started and it has been looked at enough times. */
    String endpointState() {
        return endpointStarted && endpointPollsLeft <= 0 ? "active" : "init";
    }
}
