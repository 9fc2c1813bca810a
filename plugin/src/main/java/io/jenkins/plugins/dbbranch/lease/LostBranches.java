package io.jenkins.plugins.dbbranch.lease;

import hudson.model.Run;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Deletes a branch whose lease this controller lost (a restart it could not survive, a build killed hard), found by
 * name on its connection — only if its labels say it is ours. Never throws: the result says what happened.
 */
public final class LostBranches {
    private LostBranches() {
    }

    public static TeardownResult delete(String connection, String branch, Run<?, ?> run, Progress progress) {
        long started = System.nanoTime();
        String owner = ControllerOwner.get();
        try (BranchProvider provider = DbBranchConfiguration.get().resolve(connection).open(ConnectionContext.forBuild(run))) {
            Optional<BranchInfo> found = provider.findBranch(branch);
            if (found.isPresent() && found.get().labels() != null && !owner.equals(found.get().labels().owner())) {
                throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, "Delete branch " + branch,
                        "its labels name the owner " + found.get().labels().owner() + ", not " + owner, "Delete it by hand if it is stale");
            }
            boolean existed = found.isPresent() && provider.deleteBranch(found.get());
            progress.report(existed ? "deleted branch " + branch + ", whose lease this controller had lost"
                    : "branch " + branch + " was already gone");
            return new TeardownResult(branch, true, false, null, since(started));
        } catch (IOException | RuntimeException e) {
            progress.report("may have left branch " + branch + " behind: " + e.getMessage()
                    + " (the reaper deletes it once its expiry passes)");
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                    : new DbBranchException(ErrorCode.UNAVAILABLE, e.getMessage(), e);
            return new TeardownResult(branch, false, false, failure, since(started));
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
