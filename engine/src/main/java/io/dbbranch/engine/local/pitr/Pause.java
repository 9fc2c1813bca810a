package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;

/** The sleep between two polls of the server, turning an interrupt into the engine's exception. */
final class Pause {
    private static final long POLL_MILLIS = 20;

    private Pause() {
    }

    static void beforeNextPoll(String waitingFor) {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, "Interrupted while waiting for " + waitingFor, e);
        }
    }
}
