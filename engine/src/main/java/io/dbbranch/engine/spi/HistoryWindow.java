package io.dbbranch.engine.spi;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.time.Instant;

/**
 * The part of a branch's history that point-in-time branches can start from: from {@code earliest} up to now.
 * Older history has been pruned (or was never kept); the future does not exist yet.
 *
 * @param earliest    the oldest moment a branch can start from; {@code null} when the provider does not say
 * @param earliestLsn the oldest WAL position a branch can start from; {@code null} when the provider does not say
 */
public record HistoryWindow(Instant earliest, String earliestLsn) {

    /** A window whose start the provider does not tell: only points in the future can be refused early. */
    public static final HistoryWindow UNKNOWN = new HistoryWindow(null, null);

    /**
     * Refuses a point in the future or before the window, with a message that names the window. The head is always
     * inside. An LSN cannot be checked against "now" here: the provider does that.
     *
     * @param asked what the caller was doing, for the message, e.g. {@code "Restore 'main' to 2025-01-01T10:00:00Z"}
     * @throws DbBranchException {@code INVALID_REQUEST} when the point is outside
     */
    public void requireContains(PointInTime point, Instant now, String asked) {
        if (point instanceof PointInTime.AtTime at) {
            if (at.time().isAfter(now)) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                        at.time() + " is in the future (it is now " + now + ")",
                        "Choose a moment in the history window: " + describe(now));
            }
            if (earliest != null && at.time().isBefore(earliest)) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                        at.time() + " is before the history window, which runs " + describe(now),
                        "Older history is no longer kept; choose a moment inside the window");
            }
        } else if (point instanceof PointInTime.AtLsn at && earliestLsn != null
                && Long.compareUnsigned(at.position(), new PointInTime.AtLsn(earliestLsn).position()) < 0) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                    "LSN " + at.lsn() + " is before the history window, which starts at LSN " + earliestLsn
                            + (earliest == null ? "" : " (" + earliest + ")"),
                    "Older history is no longer kept; choose a later LSN");
        }
    }

    /** The window in words, e.g. {@code "from 2025-01-01T10:00:00Z to now (2025-01-02T09:00:00Z)"}. */
    public String describe(Instant now) {
        return (earliest == null ? "from an unknown start" : "from " + earliest) + " to now (" + now + ")";
    }
}
