package io.dbbranch.engine.lease;

import java.time.Duration;

/**
 * What teardown did.
 *
 * @param branch  the branch name
 * @param deleted whether the branch was deleted (false when kept or when deletion failed)
 * @param kept    whether the keep policy kept it
 * @param failure what went wrong, or {@code null}; the branch may then have been left behind
 * @param elapsed how long teardown took
 */
public record TeardownResult(String branch, boolean deleted, boolean kept, RuntimeException failure, Duration elapsed) {
    public boolean succeeded() {
        return failure == null;
    }
}
