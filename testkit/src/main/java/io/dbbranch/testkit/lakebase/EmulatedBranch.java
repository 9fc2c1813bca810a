package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.testkit.emulator.BackingPostgres;
import java.time.Instant;

/**
 * One emulated branch: its database has the branch's id as name, on {@code server}: the emulator's backing server,
 * or for a branch of the past (and branches made from it) the server its restore runs on, named by
 * {@code restoredServer}. Mutable; guarded by the {@link BranchStore}.
 */
final class EmulatedBranch {
    final String id;
    final String uid;
    final Instant created;
    final String source;
    final boolean isDefault;
    final BackingPostgres server;
    /**
     * The name of the restored server that holds this branch (the id of the branch of the past it was restored for);
     * {@code null} on the backing server.
     */
    final String restoredServer;
    Instant updated;
    Instant expires;
    String state;
    int endpointPollsLeft;
    /** The point of the source's history it was taken from ({@code status.source_branch_time}); its creation by default. */
    Instant sourceTime;
    /** The WAL position it was taken from ({@code status.source_branch_lsn}); only branches of the past report one. */
    String sourceLsn;
    /** The point its create asked for ({@code spec.source_branch_time} or {@code …_lsn}); {@code null} for the head. */
    PointInTime askedPoint;

    EmulatedBranch(String id, String uid, Instant created, String source, boolean isDefault, Instant expires,
                   String state, int endpointPollsLeft, BackingPostgres server, String restoredServer) {
        this.id = id;
        this.uid = uid;
        this.created = created;
        this.updated = created;
        this.source = source;
        this.isDefault = isDefault;
        this.expires = expires;
        this.state = state;
        this.endpointPollsLeft = endpointPollsLeft;
        this.server = server;
        this.restoredServer = restoredServer;
        this.sourceTime = created;
    }

    boolean isReady() {
        return "READY".equals(state);
    }

    /** The primary endpoint's state: it starts once the branch is ready, after a few looks if so configured. */
    String endpointState() {
        return isReady() && endpointPollsLeft <= 0 ? "ACTIVE" : "INIT";
    }
}
