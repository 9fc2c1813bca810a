package io.dbbranch.engine.neon;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.RestorePoint;
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

    private NeonBranches() {
    }

    /** The annotation recording {@code labels} and the parent's name. */
    static Map<String, String> annotation(Labels labels, String parentName) {
        Map<String, String> values = new LinkedHashMap<>();
        labels.toMap().forEach((key, value) -> values.put(PREFIX + key, value));
        values.put(PARENT, parentName);
        return values;
    }

    /** The labels in an annotation, or {@code null} when it carries none of ours. */
    static Labels labels(Map<String, String> annotation) {
        if (annotation == null) {
            return null;
        }
        Map<String, String> ours = new LinkedHashMap<>();
        annotation.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && !PARENT.equals(key)) {
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
     * reaper and Neon agree on it.
     */
    static BranchInfo info(NeonBranch branch, Map<String, String> annotation) {
        Labels labels = labels(annotation);
        String parent = annotation == null ? null : annotation.get(PARENT);
        RestorePoint from = branch.parentTimestamp() == null && branch.parentLsn() == null ? null
                : new RestorePoint(branch.parentTimestamp(), branch.parentLsn());
        return new BranchInfo(branch.id(), branch.name(), parent == null ? branch.parentId() : parent, state(branch),
                branch.createdAt(), branch.expiresAt(), labels == null ? null : labels.withExpiresAt(branch.expiresAt()),
                from);
    }

    static BranchState state(NeonBranch branch) {
        if (branch.currentState() == null) {
            return BranchState.UNKNOWN;
        }
        return switch (branch.currentState()) {
            case "init" -> BranchState.CREATING;
            case "ready" -> branch.isReady() ? BranchState.READY : BranchState.BUSY;
            case "archived" -> BranchState.ARCHIVED;
            default -> BranchState.UNKNOWN;
        };
    }
}
