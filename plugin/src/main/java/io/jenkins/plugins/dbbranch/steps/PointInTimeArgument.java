package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code pitrRestore}'s "when": exactly one of a timestamp, an LSN, a restore point as an earlier step printed
 * it, or "just before build N of this job started".
 */
final class PointInTimeArgument {
    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    private PointInTimeArgument() {
    }

    static PointInTime resolve(@CheckForNull String timestamp, @CheckForNull String lsn, @CheckForNull String restorePoint,
                               @CheckForNull Integer beforeBuild, Run<?, ?> run) throws AbortException {
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
        if (timestamp != null) {
            return PointInTime.at(instant(timestamp, "timestamp"));
        }
        if (lsn != null) {
            return lsn(lsn);
        }
        if (restorePoint != null) {
            Matcher inside = LSN.matcher(restorePoint);
            return inside.find() ? lsn(inside.group()) : PointInTime.at(instant(restorePoint.trim(), "restorePoint"));
        }
        Run<?, ?> build = run.getParent().getBuildByNumber(beforeBuild);
        if (build == null) {
            throw new AbortException("beforeBuild: " + beforeBuild + ": " + run.getParent().getFullDisplayName()
                    + " has no such build (it may have been deleted); give a timestamp instead");
        }
        return PointInTime.at(Instant.ofEpochMilli(build.getStartTimeInMillis()));
    }

    private static PointInTime lsn(String text) throws AbortException {
        try {
            return PointInTime.atLsn(text.trim());
        } catch (IllegalArgumentException e) {
            throw new AbortException("lsn: " + e.getMessage());
        }
    }

    private static Instant instant(String text, String field) throws AbortException {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new AbortException(field + ": '" + text + "' is not a timestamp; write it as ISO-8601 with a zone, "
                    + "e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00");
        }
    }
}
