package io.dbbranch.engine.lease;

import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import java.time.Instant;

/**
 * The end of a lease: stop the keeper, then keep or delete the branch. It runs with the thread's interrupt
 * flag cleared (and restored after), so that an aborted build still deletes its branch.
 */
final class Teardown {
    private final BranchProvider provider;
    private final BranchInfo branch;
    private final LeaseSpec spec;
    private final Progress progress;

    Teardown(BranchProvider provider, BranchInfo branch, LeaseSpec spec, Progress progress) {
        this.provider = provider;
        this.branch = branch;
        this.spec = spec;
        this.progress = progress;
    }

    TeardownResult run(LeaseKeeper keeper, PgPassFile passFile, Credential credential, boolean bodyFailed) {
        boolean interrupted = Thread.interrupted();
        long started = System.nanoTime();
        try {
            keeper.close();
            BranchLease.deleteQuietly(passFile, progress);
            if (spec.keep().keeps(bodyFailed)) {
                return keep(started);
            }
            provider.revokeCredential(branch, credential);
            boolean existed = provider.deleteBranch(branch);
            progress.report(existed ? "deleted branch " + branch.name() : "branch " + branch.name() + " was already gone");
            return new TeardownResult(branch.name(), true, false, null, BranchLease.since(started));
        } catch (RuntimeException e) {
            progress.report("may have left branch " + branch.name() + " behind: " + e.getMessage()
                    + " (the reaper deletes it once its expiry passes)");
            return new TeardownResult(branch.name(), false, false, e, BranchLease.since(started));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private TeardownResult keep(long started) {
        Instant until = Instant.now().plus(spec.keepFor());
        provider.extendExpiry(branch, until);
        progress.report("kept branch " + branch.name() + " (keep: " + spec.keep().symbol() + ") until " + until
                + "; delete it with: dbbranch delete " + branch.name());
        return new TeardownResult(branch.name(), false, true, null, BranchLease.since(started));
    }
}
