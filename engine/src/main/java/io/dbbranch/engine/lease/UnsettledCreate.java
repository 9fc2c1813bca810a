package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A create that failed may still have made the branch: its answer was lost, or the thread was interrupted (or a
 * fault struck) while the provider looked a lost create up, or after the branch existed and before the lease knew
 * it. This settles it before the failure is raised: with the interrupt flag cleared, the branch is looked up and,
 * if it is this lease's, deleted (what the provider's own clean-up may have failed at no longer matters then). When
 * that cannot be done, the lease says "may have left branch X behind" (the branch carries its expiry from creation,
 * so the reaper, or the service, takes it later).
 */
final class UnsettledCreate {
    /** Failures that prove nothing was made, or that a same-named branch is someone else's: nothing to settle. */
    private static final Set<ErrorCode> SETTLED = EnumSet.of(ErrorCode.INVALID_REQUEST, ErrorCode.ALREADY_EXISTS,
            ErrorCode.AUTHENTICATION, ErrorCode.PERMISSION_DENIED);
    /** How much older than the lease a branch may look and still be its own (clocks differ). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final BranchProvider provider;
    private final LeaseSpec spec;
    private final String name;
    private final Instant started;
    private final Progress progress;

    UnsettledCreate(BranchProvider provider, LeaseSpec spec, String name, Instant started, Progress progress) {
        this.provider = provider;
        this.spec = spec;
        this.name = name;
        this.started = started;
        this.progress = progress;
    }

    /** Settles what {@code failure} of the create may have left, and returns the failure to raise. */
    RuntimeException settle(RuntimeException failure) {
        if (failure instanceof DbBranchException e && SETTLED.contains(e.code())) {
            // A provider that cleaned up a half-made branch itself attaches what failed in that clean-up.
            for (Throwable cleanup : failure.getSuppressed()) {
                progress.report(BranchLease.leftBehind(name, cleanup.getMessage()));
            }
            return failure;
        }
        boolean interrupted = Thread.interrupted();
        try {
            Optional<BranchInfo> found = provider.findBranch(name);
            if (found.isEmpty()) {
                return failure;
            }
            if (!isThisLeases(found.get())) {
                leftBehind("it exists, but its labels do not show that this lease made it, so it was left alone");
                return failure;
            }
            provider.deleteBranch(found.get());
            progress.report("deleted branch " + name + " after the failed create");
        } catch (RuntimeException cleanup) {
            leftBehind(cleanup.getMessage());
            failure.addSuppressed(cleanup);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return failure;
    }

    private void leftBehind(String why) {
        progress.report(BranchLease.leftBehind(name, why));
    }

    /** Ours, and made no earlier than this lease began: never an older branch of the same name. */
    private boolean isThisLeases(BranchInfo branch) {
        Labels labels = branch.labels();
        if (labels == null || !spec.owner().equals(labels.owner())
                || labels.job() != null && !labels.job().equals(spec.job())
                || labels.build() != null && !labels.build().equals(spec.build())) {
            return false;
        }
        Instant created = branch.createdAt() != null ? branch.createdAt() : labels.createdAt();
        return !created.isBefore(started.minus(CLOCK_SKEW));
    }
}
