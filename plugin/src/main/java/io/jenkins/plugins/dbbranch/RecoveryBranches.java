package io.jenkins.plugins.dbbranch;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.spi.RestorePoint;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A recovery branch: a branch of a database as it was at a past moment, checked, and kept (by default) for people to
 * copy data back from.
 *
 * <p>SEAM(restore): this is to call the engine's point-in-time restore ({@code io.dbbranch.engine.restore}), which
 * verifies the branch and chooses the restore point. Until that package is part of the engine this plugin is built
 * with, it is the engine's lease branched from the past (providers with point-in-time support only) whose teardown
 * keeps the branch, and {@code verify} fails with a message that says so.
 */
public final class RecoveryBranches {
    private RecoveryBranches() {
    }

    /** Makes the recovery branch and returns its details and the restore point used. */
    public static Map<String, Object> restore(DbConnection connection, Run<?, ?> run, TaskListener listener, String source,
                                              PointInTime at, String into, KeepPolicy keep, String verify)
            throws AbortException {
        BuildIdentity build = BuildIdentity.of(run, new EnvVars());
        Progress progress = ConsoleProgress.to(listener);
        LeaseSpec spec;
        try {
            spec = LeaseSpec.builder(source).name(into != null ? into : build.derivedName("restore-" + source))
                    .owner(ControllerOwner.get()).job(build.job()).build(build.build()).from(at).keep(keep)
                    .secretsDirectory(LeaseOpener.secretsDirectory(null)).build();
        } catch (DbBranchException e) {
            throw LeaseOpener.abort(e);
        }
        try (BranchProvider provider = openProvider(connection, run)) {
            BranchLease lease = BranchLease.open(provider, spec, progress);
            BranchInfo branch = lease.branch();
            String key = UUID.randomUUID().toString();
            RestorePoint used = branch.restorePoint();
            DbBranchAction action = DbBranchAction.of(run);
            action.add(new BranchRecord(key, "pitrRestore", connection.getName(), branch.name(), branch.id(), source));
            action.describe(key, used != null ? used.toString() : at.toString(), lease.credential().expiresAt().toString(), null);
            action.timings(key, lease.timings());
            try {
                if (verify != null) {
                    listener.getLogger().println(BranchVerification.verify(lease.connection(), lease.credential(), verify, progress));
                }
            } catch (AbortException | RuntimeException e) {
                lease.bodyFailed(e);
                action.tornDown(key, lease.teardown());
                throw e;
            }
            TeardownResult teardown = lease.teardown();
            action.tornDown(key, teardown);
            return details(lease, used, at, teardown);
        } catch (DbBranchException e) {
            throw LeaseOpener.abort(e);
        }
    }

    private static BranchProvider openProvider(DbConnection connection, Run<?, ?> run) throws AbortException {
        try {
            return connection.open(ConnectionContext.forBuild(run));
        } catch (AbortException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static Map<String, Object> details(BranchLease lease, RestorePoint used, PointInTime asked, TeardownResult teardown) {
        Map<String, Object> restorePoint = new LinkedHashMap<>();
        restorePoint.put("asked", asked.toString());
        restorePoint.put("time", used != null && used.time() != null ? used.time().toString() : null);
        restorePoint.put("lsn", used != null ? used.lsn() : null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("branch", lease.branch().name());
        details.put("branchId", lease.branch().id());
        details.put("parent", lease.branch().parent());
        details.put("restorePoint", restorePoint);
        details.put("kept", teardown.kept());
        details.put("host", lease.connection().host());
        details.put("port", lease.connection().port());
        details.put("database", lease.connection().database());
        details.put("jdbcUrl", lease.connection().jdbcUrl());
        return details;
    }
}
