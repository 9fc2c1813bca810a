package io.jenkins.plugins.dbbranch.cleanup;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.lease.ConsoleProgress;
import io.jenkins.plugins.dbbranch.lease.LiveLeases;
import io.jenkins.plugins.dbbranch.lease.LostBranches;

/**
 * The last line of defence when a build completes: a lease the build still holds (its step or wrapper never got to
 * tear down, e.g. a hard kill) is torn down, and a branch the build page still shows as live but no lease holds (lost
 * in a restart) is deleted. Then the build's masks are forgotten.
 */
@Extension
public final class LeaseSafetyNet extends RunListener<Run<?, ?>> {

    @Override
    public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
        String runId = run.getExternalizableId();
        for (String key : LiveLeases.keysOf(runId)) {
            LiveLeases.get(key).ifPresent(live -> {
                listener.getLogger().println("[dbbranch] the build ended without tearing down branch "
                        + live.lease().branch().name() + "; tearing it down now");
                try {
                    DbBranchAction.of(run).tornDown(key, live.lease().teardown());
                } finally {
                    live.provider().close();
                }
            });
        }
        DbBranchAction action = run.getAction(DbBranchAction.class);
        if (action != null) {
            action.getRecords().stream().filter(BranchRecord::isLive).filter(record -> LiveLeases.get(record.getKey()).isEmpty())
                    .forEach(record -> action.tornDown(record.getKey(), LostBranches.delete(record.getConnection(),
                            record.getBranch(), run, ConsoleProgress.to(listener))));
        }
        LiveLeases.forgetRun(runId);
    }
}
