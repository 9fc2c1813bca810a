package io.dbbranch.engine.lease;

import java.util.List;

/**
 * What a {@link Reaper} pass found.
 *
 * @param dryRun   nothing was deleted; {@code deleted} lists what would have been
 * @param deleted  stale branches of ours that were (or would be) deleted, with the reason
 * @param skipped  branches with our prefix left alone, with the reason
 * @param failures branches whose deletion failed, with the error
 */
public record ReapReport(boolean dryRun, List<Entry> deleted, List<Entry> skipped, List<Entry> failures) {

    public ReapReport {
        deleted = List.copyOf(deleted);
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
    }

    /** One branch and why it is in its list. */
    public record Entry(String branch, String reason) {
    }
}
