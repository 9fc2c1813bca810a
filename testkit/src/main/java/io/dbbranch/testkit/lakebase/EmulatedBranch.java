package io.dbbranch.testkit.lakebase;

import java.time.Instant;

/**
 * One emulated branch: its database has the branch's id as name. Mutable; guarded by the {@link BranchStore}.
 */
final class EmulatedBranch {
    final String id;
    final String uid;
    final Instant created;
    final String source;
    final boolean isDefault;
    Instant updated;
    Instant expires;
    String state;
    int endpointPollsLeft;

    EmulatedBranch(String id, String uid, Instant created, String source, boolean isDefault, Instant expires,
                   String state, int endpointPollsLeft) {
        this.id = id;
        this.uid = uid;
        this.created = created;
        this.updated = created;
        this.source = source;
        this.isDefault = isDefault;
        this.expires = expires;
        this.state = state;
        this.endpointPollsLeft = endpointPollsLeft;
    }

    boolean isReady() {
        return "READY".equals(state);
    }

    /** The primary endpoint's state: it starts once the branch is ready, after a few looks if so configured. */
    String endpointState() {
        return isReady() && endpointPollsLeft <= 0 ? "ACTIVE" : "INIT";
    }
}
