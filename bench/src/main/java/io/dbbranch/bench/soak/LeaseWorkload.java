package io.dbbranch.bench.soak;

import io.dbbranch.bench.support.BranchLogin;
import io.dbbranch.bench.targets.Target;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One soak lease as a build would hold it: open a branch, log in with the credential and query, then tear down.
 * A lease that is to be killed holds its branch for a long body, so that the interrupt always lands while it
 * runs (in {@code open} or in the body).
 */
final class LeaseWorkload {
    private static final long KILLED_BODY_MILLIS = 30_000;

    private final BranchProvider provider;
    private final String parent;
    private final Path secrets;
    private final Duration expiryWindow;

    LeaseWorkload(BranchProvider provider, String parent, Path secrets, Duration expiryWindow) {
        this.provider = provider;
        this.parent = parent;
        this.secrets = secrets;
        this.expiryWindow = expiryWindow;
    }

    /**
     * Runs the lease named {@code name} to its end and says how it ended; never throws.
     *
     * @param kill       the lease's kill switch, planned to fire or not
     * @param bodyMillis how long the body holds the branch after its query
     * @param onOpened   told the name once the lease is open
     */
    LeaseOutcome run(String name, KillSwitch kill, long bodyMillis, Consumer<String> onOpened) {
        long start = System.nanoTime();
        double openMs = -1;
        LeftBehindWatch leftBehind = new LeftBehindWatch();
        LeaseSpec spec = LeaseSpec.builder(parent).name(name).owner(Target.OWNER).job("soak").build(name)
                .expiryWindow(expiryWindow).secretsDirectory(secrets).build();
        BranchLease lease;
        try {
            lease = BranchLease.open(provider, spec, leftBehind);
        } catch (RuntimeException e) {
            return failed(name, kill, leftBehind, e, openMs, -1, start);
        }
        openMs = millisSince(start);
        kill.opened();
        onOpened.accept(name);
        Throwable bodyFailure = null;
        try {
            body(lease, kill.planned() ? KILLED_BODY_MILLIS : bodyMillis);
        } catch (Exception e) {
            bodyFailure = e;
            lease.bodyFailed(e);
        }
        TeardownResult teardown = lease.teardown();
        double teardownMs = teardown.elapsed().toNanos() / 1e6;
        if (teardown.failure() != null) {
            return outcome(name, kill, leftBehind, LeaseOutcome.Result.TEARDOWN_FAILED, teardown.failure(), openMs,
                    teardownMs, start);
        }
        if (bodyFailure != null) {
            return failed(name, kill, leftBehind, bodyFailure, openMs, teardownMs, start);
        }
        return outcome(name, kill, leftBehind, LeaseOutcome.Result.COMPLETED, null, openMs, teardownMs, start);
    }

    /** Logs in as the build would and runs a query, then holds the branch. */
    private static void body(BranchLease lease, long holdMillis) throws SQLException, InterruptedException {
        BranchLogin.query(lease, "SELECT count(*) FROM pg_class");
        Thread.sleep(holdMillis);
    }

    private static LeaseOutcome failed(String name, KillSwitch kill, LeftBehindWatch leftBehind, Throwable failure,
                                       double openMs, double teardownMs, long start) {
        LeaseOutcome.Result result;
        if (kill.landed() != null) {
            // Whatever the error, a lease we interrupted on purpose was expected to stop.
            result = LeaseOutcome.Result.INTERRUPTED;
        } else if (failure instanceof DbBranchException e && e.isTransient()) {
            result = LeaseOutcome.Result.FAILED_RETRIES_EXHAUSTED;
        } else {
            result = LeaseOutcome.Result.FAILED;
        }
        return outcome(name, kill, leftBehind, result, failure, openMs, teardownMs, start);
    }

    private static LeaseOutcome outcome(String name, KillSwitch kill, LeftBehindWatch leftBehind,
                                        LeaseOutcome.Result result, Throwable failure, double openMs, double teardownMs,
                                        long start) {
        String code = failure instanceof DbBranchException e ? e.code().name() : failure == null ? null
                : failure.getClass().getSimpleName();
        String message = failure == null ? null : String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
        return new LeaseOutcome(name, kill.planned(), kill.landed(), result, code, message, openMs, teardownMs,
                millisSince(start), leftBehind.said());
    }

    /** Listens to the lease's progress for the engine's "may have left branch X behind". */
    private static final class LeftBehindWatch implements Progress {
        private volatile boolean said;

        @Override
        public void report(String message) {
            if (message.startsWith("may have left branch ")) {
                said = true;
            }
        }

        boolean said() {
            return said;
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
