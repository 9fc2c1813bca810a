package io.jenkins.plugins.dbbranch.cleanup;

import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.Labels;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Tells the engine's {@link Reaper} whether the build in a branch's labels still runs: a build that is over (or gone)
 * no longer needs its branches. Unknown — so only the expiry counts — for labels without a job and build number, and
 * for builds that kept a branch on purpose (keep policy, recovery branch), whose kept branches live until their
 * expiry.
 */
final class JenkinsBuildLiveness implements Reaper.BuildLiveness {

    @Override
    public Optional<Boolean> isRunning(Labels labels) {
        if (labels.job() == null || labels.build() == null || !labels.build().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = Jenkins.get().getItemByFullName(labels.job(), Job.class);
            if (job == null) {
                return Optional.of(false);
            }
            Run<?, ?> run = job.getBuildByNumber(Integer.parseInt(labels.build()));
            if (run == null) {
                return Optional.of(false);
            }
            if (run.isBuilding()) {
                return Optional.of(true);
            }
            DbBranchAction action = run.getAction(DbBranchAction.class);
            boolean keptSome = action != null && action.getRecords().stream().anyMatch(r -> r.getStatus() == BranchRecord.Status.KEPT);
            return keptSome ? Optional.empty() : Optional.of(false);
        }
    }
}
