package io.dbbranch.engine.lease;

import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;

/**
 * Runs a body inside a lease with the error rules every front end needs: teardown always runs; a teardown
 * failure never hides the body's failure (it is attached as suppressed); and when the body succeeded, a
 * teardown failure is thrown so that it is not lost.
 */
public final class LeaseRunner {
    private LeaseRunner() {
    }

    /** What runs on the branch. */
    @FunctionalInterface
    public interface Body<T> {
        T run(BranchLease lease) throws Exception;
    }

    public static <T> T run(BranchProvider provider, LeaseSpec spec, Progress progress, Body<T> body) throws Exception {
        BranchLease lease = BranchLease.open(provider, spec, progress);
        T result;
        try {
            result = body.run(lease);
        } catch (Exception | Error e) {
            lease.bodyFailed(e);
            lease.teardown();
            throw e;
        }
        TeardownResult teardown = lease.teardown();
        if (teardown.failure() != null) {
            throw teardown.failure();
        }
        return result;
    }
}
