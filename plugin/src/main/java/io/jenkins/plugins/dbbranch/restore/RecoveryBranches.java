package io.jenkins.plugins.dbbranch.restore;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.restore.PointInTimeParser;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RecordedRestorePoints;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.PointInTime;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.lease.BuildIdentity;
import io.jenkins.plugins.dbbranch.lease.ConsoleProgress;
import io.jenkins.plugins.dbbranch.lease.LeaseOpener;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code pitrRestore}'s core: the engine's {@link PointInTimeRestore} (history window check, recovery branch, login,
 * restore point used, verification) with this controller as owner, recorded on the build page; with {@code keep:
 * never}, a restore drill that deletes the branch once it is proven.
 */
public final class RecoveryBranches {
    /** How long a kept recovery branch lives before the clean-up may delete it. */
    static final Duration KEEP_FOR = Duration.ofDays(7);

    private RecoveryBranches() {
    }

    /** The moment asked for: a fixed point, or text for the engine's parser (which also knows recorded names). */
    public record Moment(@CheckForNull PointInTime fixed, @CheckForNull String text) {
        public static Moment of(PointInTime point) {
            return new Moment(point, null);
        }

        public static Moment text(String text) {
            return new Moment(null, text);
        }

        PointInTime on(BranchProvider provider, String branch) {
            return fixed != null ? fixed : new PointInTimeParser(new RecordedRestorePoints(provider, branch)).parse(text);
        }
    }

    /** Makes the recovery branch and returns its details and the restore point used. */
    public static Map<String, Object> restore(DbConnection connection, Run<?, ?> run, TaskListener listener, String source,
                                              Moment moment, @CheckForNull String into, KeepPolicy keep,
                                              @CheckForNull Verification verification) throws IOException {
        BuildIdentity build = BuildIdentity.of(run, new EnvVars());
        try (BranchProvider provider = connection.open(ConnectionContext.forBuild(run))) {
            PointInTime point = moment.on(provider, source);
            RestoreRequest request = RestoreRequest.builder(source, point)
                    .name(into != null ? into : build.derivedName("restore-" + source)).owner(ControllerOwner.get())
                    .keepFor(KEEP_FOR).verify(verification).keepOnFailedVerification(keep.keeps(true)).build();
            RestoreResult result = new PointInTimeRestore(provider).restore(request, ConsoleProgress.to(listener));
            String key = record(run, connection, source, result);
            TeardownResult end = keep.keeps(false) ? kept(result) : drill(provider, result.branch(), listener);
            DbBranchAction.of(run).tornDown(key, end);
            return details(result, point, end);
        } catch (DbBranchException e) {
            throw LeaseOpener.abort(e);
        }
    }

    private static String record(Run<?, ?> run, DbConnection connection, String source, RestoreResult result) {
        String key = UUID.randomUUID().toString();
        BranchInfo branch = result.branch();
        DbBranchAction action = DbBranchAction.of(run);
        action.add(new BranchRecord(key, "pitrRestore", connection.getName(), branch.name(), branch.id(), source));
        action.describe(key, result.restorePoint().toString(), result.credential().expiresAt().toString(), null);
        action.timing(key, "restore", result.elapsed().toMillis());
        return key;
    }

    private static TeardownResult kept(RestoreResult result) {
        return new TeardownResult(result.branch().name(), false, true, null, Duration.ZERO);
    }

    /** {@code keep: never}: the restore was proven; delete the branch. */
    private static TeardownResult drill(BranchProvider provider, BranchInfo branch, TaskListener listener) {
        long started = System.nanoTime();
        try {
            provider.deleteBranch(branch);
            listener.getLogger().println("[dbbranch] deleted recovery branch " + branch.name() + " (keep: never)");
            return new TeardownResult(branch.name(), true, false, null, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            listener.getLogger().println("[dbbranch] may have left recovery branch " + branch.name() + " behind: " + e.getMessage());
            return new TeardownResult(branch.name(), false, false, e, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Map<String, Object> details(RestoreResult result, PointInTime asked, TeardownResult end) {
        Map<String, Object> restorePoint = new LinkedHashMap<>();
        restorePoint.put("asked", asked.toString());
        restorePoint.put("time", result.restorePoint().time() != null ? result.restorePoint().time().toString() : null);
        restorePoint.put("lsn", result.restorePoint().lsn());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("branch", result.branch().name());
        details.put("branchId", result.branch().id());
        details.put("parent", result.branch().parent());
        details.put("restorePoint", restorePoint);
        details.put("kept", end.kept());
        details.put("host", result.connection().host());
        details.put("port", result.connection().port());
        details.put("database", result.connection().database());
        details.put("jdbcUrl", result.connection().jdbcUrl());
        result.verificationResult().ifPresent(verified -> details.put("verification", verified.describe()));
        return details;
    }
}
