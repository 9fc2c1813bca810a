package io.jenkins.plugins.dbbranch.wrapper;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.lease.TeardownResult;
import io.jenkins.plugins.dbbranch.lease.LeaseHandle;
import java.io.IOException;
import jenkins.tasks.SimpleBuildWrapper;

/**
 * Tears the wrapper's lease down when the build's steps are done. A failed build counts as a failed body for
 * {@code keep: onFailure}. Overrides the workspace form of {@code tearDown}, the one a wrapper that needs a workspace
 * gets: overriding none would tear nothing down, silently.
 */
final class LeaseDisposer extends SimpleBuildWrapper.Disposer {
    private static final long serialVersionUID = 1L;

    private final LeaseHandle handle;

    LeaseDisposer(LeaseHandle handle) {
        this.handle = handle;
    }

    @Override
    public void tearDown(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        Result result = build.getResult();
        AbortException failed = result != null && result.isWorseThan(Result.SUCCESS)
                ? new AbortException("the build's result is " + result) : null;
        TeardownResult teardown = handle.close(failed, build, workspace, listener);
        if (teardown.failure() != null && failed == null) {
            throw new AbortException(teardown.failure().getMessage());
        }
    }
}
