package io.dbbranch.bench.soak;

/**
 * How one soak lease ended.
 *
 * @param name       the branch name it asked for
 * @param killed     whether the soak killed it on purpose (thread interrupt)
 * @param killLanded where the kill landed: {@code open}, {@code body}, or {@code null} when not killed or too late
 * @param result     the outcome
 * @param errorCode  the {@code ErrorCode} of the failure, or {@code null}
 * @param error      the failure's message, or {@code null}
 * @param openMs     time to a ready lease, or -1 when it never opened
 * @param teardownMs time of the teardown, or -1 when there was none
 * @param totalMs    time from the start to the end of teardown
 * @param saidLeftBehind whether the engine said "may have left branch X behind" (in the opening or the teardown)
 */
public record LeaseOutcome(String name, boolean killed, String killLanded, Result result, String errorCode, String error,
                           double openMs, double teardownMs, double totalMs, boolean saidLeftBehind) {

    /** The lease's own time, without the body: open plus teardown; -1 when it did not get that far. */
    public double leaseMs() {
        return openMs < 0 || teardownMs < 0 ? -1 : openMs + teardownMs;
    }

    /** The kinds of ending. */
    public enum Result {
        /** Opened, ran its body, tore down. */
        COMPLETED,
        /** Killed on purpose and ended cleanly. */
        INTERRUPTED,
        /** Failed after the client's retries ran out on a transient failure (429, 503, reset, timeout). */
        FAILED_RETRIES_EXHAUSTED,
        /** Failed with an error that is not transient: one it should have survived. */
        FAILED,
        /** The body ran, but teardown reported that the branch may be left behind. */
        TEARDOWN_FAILED
    }
}
