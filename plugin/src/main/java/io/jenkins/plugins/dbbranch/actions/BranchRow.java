package io.jenkins.plugins.dbbranch.actions;

import java.util.List;

/**
 * A {@link BranchRecord} as the build page shows it: each timing with its unit (see {@link DurationText})
 * ("ready 87 ms", "migrate 1.2 sec", "restore 2 min 3 sec"), and the migration summary without the branch's name,
 * which the row shows already.
 */
public final class BranchRow {
    private final BranchRecord record;

    BranchRow(BranchRecord record) {
        this.record = record;
    }

    public BranchRecord getRecord() {
        return record;
    }

    /** One line per timed step: its name and how long it took, e.g. {@code ready 87 ms}. */
    public List<String> getTimings() {
        return record.getTimings().entrySet().stream()
                .map(timing -> timing.getKey() + " " + DurationText.of(timing.getValue()))
                .toList();
    }

    /** The migration summary, without the {@code <branch>: } it starts with; {@code null} when nothing was migrated. */
    public String getMigrations() {
        String summary = record.getMigrations();
        String prefix = record.getBranch() + ": ";
        return summary != null && summary.startsWith(prefix) ? summary.substring(prefix.length()) : summary;
    }
}
