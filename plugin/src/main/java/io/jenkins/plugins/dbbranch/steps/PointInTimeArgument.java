package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.dbbranch.engine.spi.PointInTime;
import io.jenkins.plugins.dbbranch.restore.RecoveryBranches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code pitrRestore}'s "when": exactly one of a timestamp, an LSN, a restore point (as recorded before
 * {@code migrateUpstream} changed a parent, or a time or LSN an earlier step printed), or "just before build N of this
 * job started". The text forms are read by the engine's parser when the connection is open.
 */
final class PointInTimeArgument {
    private PointInTimeArgument() {
    }

    static RecoveryBranches.Moment resolve(@CheckForNull String timestamp, @CheckForNull String lsn,
                                           @CheckForNull String restorePoint, @CheckForNull Integer beforeBuild, Run<?, ?> run)
            throws AbortException {
        List<String> given = new ArrayList<>();
        if (timestamp != null) given.add("timestamp");
        if (lsn != null) given.add("lsn");
        if (restorePoint != null) given.add("restorePoint");
        if (beforeBuild != null) given.add("beforeBuild");
        if (given.size() != 1) {
            throw new AbortException("pitrRestore needs exactly one of timestamp, lsn, restorePoint or beforeBuild"
                    + (given.isEmpty() ? "; none was given" : "; given: " + String.join(", ", given))
                    + ". For example: pitrRestore(branch: 'main', timestamp: '2026-03-01T09:30:00Z')");
        }
        if (beforeBuild == null) {
            return RecoveryBranches.Moment.text(timestamp != null ? timestamp : lsn != null ? lsn : restorePoint);
        }
        Run<?, ?> build = run.getParent().getBuildByNumber(beforeBuild);
        if (build == null) {
            throw new AbortException("beforeBuild: " + beforeBuild + ": " + run.getParent().getFullDisplayName()
                    + " has no such build (it may have been deleted); give a timestamp instead");
        }
        return RecoveryBranches.Moment.of(PointInTime.at(Instant.ofEpochMilli(build.getStartTimeInMillis())));
    }
}
