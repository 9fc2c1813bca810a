package io.dbbranch.engine.neon;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.RestorePoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Neon branches as the engine sees them. Our labels travel as the branch's annotation (Neon's key/value metadata),
 * each key prefixed with {@code dbbranch.} so they sit beside other tools' annotations; the parent's name travels
 * with them, since Neon itself only records the parent's id.
 */
final class NeonBranches {
    static final String PREFIX = Labels.MARKER + ".";
    private static final String PARENT = PREFIX + "parent";
    /** The LSN a branch was asked for, when it was: Neon reports a {@code parent_lsn} on every child branch. */
    private static final String FROM_LSN = PREFIX + "from-lsn";

    private NeonBranches() {
    }

    /** The annotation recording {@code labels}, the parent's name and the LSN asked for ({@code null} for none). */
    static Map<String, String> annotation(Labels labels, String parentName, String fromLsn) {
        Map<String, String> values = new LinkedHashMap<>();
        labels.toMap().forEach((key, value) -> values.put(PREFIX + key, value));
        values.put(PARENT, parentName);
        if (fromLsn != null) {
            values.put(FROM_LSN, fromLsn);
        }
        return values;
    }

    /** The labels in an annotation, or {@code null} when it carries none of ours. */
    static Labels labels(Map<String, String> annotation) {
        if (annotation == null) {
            return null;
        }
        Map<String, String> ours = new LinkedHashMap<>();
        annotation.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && !PARENT.equals(key) && !FROM_LSN.equals(key)) {
                ours.put(key.substring(PREFIX.length()), value);
            }
        });
        try {
            return Labels.fromMap(ours);
        } catch (java.time.format.DateTimeParseException foreign) {
            return null; // someone else's keys that happen to look like ours: not our branch
        }
    }

    /**
     * The engine's view of a Neon branch. The expiry is Neon's own ({@code expires_at}), which the labels follow, so the
     * reaper and Neon agree on it; where Neon keeps none (it refused {@code expires_at}), the annotation's expiry stands
     * and the reaper enforces it.
     *
     * <p>Only a branch made at a point in time has a restore point: Neon reports {@code parent_lsn} on every child
     * branch, a branch of the parent's head included, so the LSN counts only with a {@code parent_timestamp} or when
     * we asked for that LSN ourselves.
     */
    static BranchInfo info(NeonBranch branch, Map<String, String> annotation) {
        Labels labels = labels(annotation);
        String parent = annotation == null ? null : annotation.get(PARENT);
        String askedLsn = annotation == null ? null : annotation.get(FROM_LSN);
        RestorePoint from = branch.parentTimestamp() != null ? new RestorePoint(branch.parentTimestamp(), branch.parentLsn())
                : askedLsn != null ? new RestorePoint(null, branch.parentLsn() == null ? askedLsn : branch.parentLsn())
                : null;
        Instant expiresAt = branch.expiresAt() != null || labels == null ? branch.expiresAt() : labels.expiresAt();
        return new BranchInfo(branch.id(), branch.name(), parent == null ? branch.parentId() : parent, state(branch),
                branch.createdAt(), expiresAt, labels == null ? null : labels.withExpiresAt(expiresAt), from);
    }

    static BranchState state(NeonBranch branch) {
        if (branch.currentState() == null) {
            return BranchState.UNKNOWN;
        }
        return switch (branch.currentState()) {
            case "init" -> BranchState.CREATING;
            case "ready" -> branch.isReady() ? BranchState.READY : BranchState.BUSY;
            case "archived" -> BranchState.ARCHIVED;
            case "resetting" -> BranchState.BUSY; // being restored to another point: not connectable meanwhile
            default -> BranchState.UNKNOWN;
        };
    }
}
