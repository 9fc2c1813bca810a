package io.dbbranch.testkit.emulator;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.pitr.LocalHistory;
import io.dbbranch.engine.local.pitr.PitrSettings;
import io.dbbranch.engine.local.pitr.RecoveryBranch;
import io.dbbranch.engine.spi.HistoryWindow;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.RestorePoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history of an emulator's backing server, kept with the local provider's point-in-time machinery: the server
 * archives its WAL and has base backups, and a branch of the past is a recovery cluster of its own (a whole copy of
 * the server, restored to the moment, on its own loopback port), in which the past state of the source database,
 * renamed after the new branch, is that branch.
 *
 * <p>History starts at the first base backup, taken when the emulator first starts; points before it, or beyond the
 * WAL written so far, are refused before anything is made.
 */
public final class BackingHistory {
    private final LocalHistory history;

    private BackingHistory(LocalHistory history) {
        this.history = history;
    }

    /**
     * The history of {@code cluster}, which must have been started with {@link #archiving} settings for
     * {@code directory}; takes a base backup when none is recent (at the first start: history begins there).
     *
     * @param settings the server's settings without archiving, used for recovery clusters
     */
    static BackingHistory open(LocalCluster cluster, Path directory, ClusterSettings settings, PitrSettings pitr) {
        LocalHistory history = new LocalHistory(cluster, directory, settings, pitr);
        // A server still running from before it archived gets its history at its next start.
        if (history.isArchiving()) {
            history.takeBaseBackupIfDue();
        }
        return new BackingHistory(history);
    }

    /** {@code settings} plus WAL archiving into the history folder {@code directory}. */
    static ClusterSettings archiving(ClusterSettings settings, Path directory) {
        return LocalHistory.archiving(settings, directory);
    }

    /** From the oldest base backup to now; {@link HistoryWindow#UNKNOWN} before the first one. */
    public HistoryWindow window() {
        return history.window();
    }

    /**
     * Restores {@code sourceDatabase} as it was at {@code point} into a new branch {@code name}, served by a cluster of
     * its own, and returns that server (left running) and the point actually reached: the last commit replayed (the
     * requested moment when no commit lies between the base backup and it) and the end of the last record replayed.
     *
     * @param sourceCreated when the source branch was made: a moment before it is refused (its database did not exist)
     * @throws DbBranchException {@code INVALID_REQUEST} for a point outside the history window, in the future or before
     *                           the source existed, {@code NOT_FOUND} for an unknown database, {@code ALREADY_EXISTS}
     *                           for a name in use; nothing is left behind
     */
    public Recovered restore(String name, String sourceDatabase, Instant sourceCreated, PointInTime point) {
        String asked = "Branch '" + sourceDatabase + "' at " + point;
        // The window first: a point before it is refused as such, even when the source is younger still.
        history.window().requireContains(point, Instant.now(), asked);
        if (point instanceof PointInTime.AtTime at && at.time().isBefore(sourceCreated)) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "it did not exist at " + at.time()
                    + ": it was created at " + sourceCreated, "Choose a later moment");
        }
        RecoveryBranch restored = history.recoveries().create(name, sourceDatabase, point, null);
        RestorePoint reached = restored.restorePoint();
        if (reached.time() == null && point instanceof PointInTime.AtTime at) {
            reached = new RestorePoint(at.time(), reached.lsn());
        }
        return new Recovered(server(name).orElseThrow(), reached);
    }

    /** The server of a branch restored from the past (started if it was stopped); empty for any other name. */
    public Optional<BackingPostgres> server(String name) {
        return history.recoveries().find(name).map(branch -> BackingPostgres.shared(history.recoveries().cluster(name)));
    }

    /** The names of the branches restored from the past, each on its own server. */
    public List<String> branches() {
        return history.recoveries().list().stream().map(RecoveryBranch::name).toList();
    }

    /** Stops a restored branch's server and removes it. Idempotent: returns whether it existed. */
    public boolean delete(String name) {
        return history.recoveries().delete(name);
    }

    /** Takes a base backup if the newest is older than the backup interval, and prunes what the window no longer needs. */
    public void takeBaseBackupIfDue() {
        history.takeBaseBackupIfDue();
    }

    /** Stops the servers of the restored branches; they start again when next used. */
    void stopAll() {
        RuntimeException failure = null;
        for (String name : branches()) {
            try {
                history.recoveries().cluster(name).stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A branch restored from the past.
     *
     * @param server  the cluster serving it, where its database is named after the branch
     * @param reached the point the recovery reached
     */
    public record Recovered(BackingPostgres server, RestorePoint reached) {
        public Recovered {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(reached, "reached");
        }
    }
}
