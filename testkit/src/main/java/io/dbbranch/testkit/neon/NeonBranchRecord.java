package io.dbbranch.testkit.neon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One emulated branch and its read-write endpoint, if it has one. Its database on the backing server is named after its id.
 * Mutable; guarded by the {@link ProjectStore}.
 */
final class NeonBranchRecord {
    final String id;
    final Instant created;
    final String parentId;
    final String parentLsn;
    final boolean isDefault;
    final String endpointId;
    String name;
    Instant updated;
    Instant expires;
    String state;
    boolean endpointStarted;
    int endpointPollsLeft;
    final Map<String, String> annotation = new LinkedHashMap<>();
    /** Role name → password (null when not known, e.g. after a restart of the emulator). */
    final Map<String, String> roles = new LinkedHashMap<>();

    NeonBranchRecord(String id, String name, Instant created, String parentId, String parentLsn, boolean isDefault,
                     String endpointId, Instant expires, String state) {
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
