package io.jenkins.plugins.dbbranch.lease;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseEnvironment;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.credentials.AgentPassFile;
import io.jenkins.plugins.dbbranch.migration.BranchMigrations;
import io.jenkins.plugins.dbbranch.migration.MigrationSummary;
import io.jenkins.plugins.dbbranch.review.ReviewPolicySource;
import io.jenkins.plugins.dbbranch.review.ReviewPublisher;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;
import io.jenkins.plugins.dbbranch.review.ReviewSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The one core behind {@code withDbBranch} and the freestyle wrapper (they only add their own plumbing): opens the
 * engine's lease for a build with the connection's credentials, records it on the build page, copies the password
 * file to the agent, runs the migrations and the verification, and hands back a {@link LeaseHandle}. Also resumes a
 * lease after a controller restart.
 */
public final class LeaseOpener {
    private static final Logger LOGGER = Logger.getLogger(LeaseOpener.class.getName());
    /** The first part of derived branch names. */
    public static final String NAME_PREFIX = "ci";

    private LeaseOpener() {
    }

    /**
     * Opens a lease for {@code run}. On any failure after the branch was made, the branch is torn down (the keep
     * policy deciding) before this throws.
     *
     * @param step what asks, for the build page: {@code withDbBranch} or {@code wrapper}
     * @param workspace the build's workspace, or {@code null} outside {@code node}; needed for {@code migrate}
     */
    public static LeaseHandle open(BranchRequest request, String step, Run<?, ?> run, EnvVars environment,
                                   @CheckForNull FilePath workspace, TaskListener listener) throws IOException, InterruptedException {
        DbConnection connection = DbBranchConfiguration.get().resolve(request.connection());
        if (request.migrate() && workspace == null) {
            throw new AbortException("migrate: true needs the migrations of a workspace: put withDbBranch inside node { … }");
        }
        ReviewPolicySource policy = request.review().enabled() ? checkedPolicy(request.review(), connection, workspace) : null;
        Verification verification = BranchVerification.of(request.verify(), request.expect());
        BuildIdentity build = BuildIdentity.of(run, environment);
        LeaseSpec spec = spec(request, connection, build, request.name() != null ? request.name() : build.derivedName(NAME_PREFIX), workspace);
        Progress progress = ConsoleProgress.to(listener);
        BranchProvider provider = connection.open(ConnectionContext.forBuild(run));
        BranchLease lease;
        try {
            lease = BranchLease.open(provider, spec, progress);
        } catch (DbBranchException e) {
            provider.close();
            throw abort(e);
        } catch (RuntimeException | Error e) {
            provider.close();
            throw e;
        }
        String key = UUID.randomUUID().toString();
        LiveLeases.register(key, new LiveLeases.Live(run.getExternalizableId(), lease, provider));
        BranchInfo branch = lease.branch();
        DbBranchAction action = DbBranchAction.of(run);
        action.add(new BranchRecord(key, step, connection.getName(), branch.name(), branch.id(), branch.parent()));
        action.describe(key, branch.restorePoint() != null ? branch.restorePoint().toString() : null,
                lease.credential().expiresAt().toString(), null);
        action.timings(key, lease.timings());

        boolean onAgent = workspace != null && workspace.isRemote();
        LeaseHandle handle = new LeaseHandle(key, run.getExternalizableId(), request, connection.getName(), branch,
                publicVariables(lease.environment(), request, onAgent ? AgentPassFile.in(workspace, branch.name()) : null),
                lease.environment().secretNames(), onAgent);
        try {
            if (onAgent) {
                mirrorPassFile(lease, AgentPassFile.in(workspace, branch.name()), progress);
            }
            if (policy != null) {
                review(handle, policy, step, run, lease, workspace, listener);
            } else if (request.migrate()) {
                MigrationSummary migrated = BranchMigrations.onBranch(workspace, lease.connection(), lease.credential(),
                        branch.name(), request.locationList());
                listener.getLogger().println(migrated.table());
                action.describe(key, null, null, migrated.summary());
                action.timing(key, "migrate", migrated.durationMillis());
            }
            if (verification != null) {
                listener.getLogger().println(BranchVerification.check(verification, lease.connection(), lease.credential()));
            }
        } catch (DbBranchException e) {
            handle.close(e, run, workspace, listener);
            throw abort(e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            handle.close(e, run, workspace, listener);
            throw e;
        }
        return handle;
    }

    /**
     * Migrates the branch under review, publishes the review (console, workspace reports, build page, check, build
     * result) and fails the step on a FAIL verdict, before the body runs.
     */
    private static void review(LeaseHandle handle, ReviewPolicySource policy, String step, Run<?, ?> run, BranchLease lease,
                               FilePath workspace, TaskListener listener) throws IOException, InterruptedException {
        BranchInfo branch = lease.branch();
        listener.getLogger().println("Reviewing the migrations on " + branch.name() + " with " + policy.describe());
        ReviewSummary review = BranchMigrations.reviewOnBranch(workspace, lease.connection(), lease.credential(), branch.name(),
                handle.request().locationList(), policy);
        DbBranchAction action = DbBranchAction.of(run);
        MigrationSummary migrated = review.migration();
        if (migrated != null) {
            listener.getLogger().println(migrated.table());
            action.describe(handle.key(), null, null, migrated.summary());
            action.timing(handle.key(), "migrate", migrated.durationMillis());
        }
        ReviewPublisher.publish(review, handle.request().review(), step, run, workspace, listener);
        handle.reviewed(review.verdict(), ReviewPublisher.FOLDER + "/" + branch.name() + ".json");
        if (review.failed()) {
            throw new AbortException("Migration review of " + branch.name() + " says FAIL"
                    + (review.failure() != null ? " (a migration failed)" : ": " + review.findings().size() + " finding(s) above")
                    + ". Write the flagged changes the safer way shown, or lower the rule's level in the review policy");
        }
    }

    /** The review policy, read and parsed before any branch is made, so a wrong file fails fast. */
    private static ReviewPolicySource checkedPolicy(ReviewRequest review, DbConnection connection, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        ReviewPolicySource policy = ReviewPolicySource.read(review, connection, workspace);
        try {
            policy.options();
        } catch (DbBranchException e) {
            throw abort(e);
        }
        return policy;
    }

    /**
     * Takes the lease of {@code handle} over again after a controller restart: same branch, fresh credential. When that
     * cannot be, the branch is deleted (if it is ours) and this throws why.
     */
    public static void resume(LeaseHandle handle, Run<?, ?> run, @CheckForNull FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        DbConnection connection = DbBranchConfiguration.get().resolve(handle.connection());
        LeaseSpec spec = spec(handle.request(), connection, BuildIdentity.of(run, new EnvVars()), handle.branch(), workspace);
        Progress progress = ConsoleProgress.to(listener);
        BranchProvider provider = connection.open(ConnectionContext.forBuild(run));
        BranchLease lease;
        try {
            lease = BranchLease.resume(provider, spec, handle.branch(), progress);
        } catch (DbBranchException e) {
            provider.close();
            throw abort(e);
        }
        LiveLeases.register(handle.key(), new LiveLeases.Live(run.getExternalizableId(), lease, provider));
        DbBranchAction.of(run).describe(handle.key(), null, lease.credential().expiresAt().toString(), null);
        DbBranchAction.of(run).status(handle.key(), BranchRecord.Status.LIVE, "resumed after a controller restart");
        if (handle.agentPassFile() && workspace != null) {
            try {
                mirrorPassFile(lease, AgentPassFile.in(workspace, handle.branch()), progress);
            } catch (IOException e) {
                progress.report("could not rewrite the password file on the agent (" + e + "); PGPASSWORD of new processes "
                        + "carries the fresh credential");
            }
        }
    }

    /** Where the engine writes its password file: the workspace's temporary folder when it is on this machine. */
    static Path secretsDirectory(@CheckForNull FilePath workspace) {
        FilePath temporary = workspace != null && !workspace.isRemote() ? WorkspaceList.tempDir(workspace) : null;
        if (temporary != null) {
            return Path.of(temporary.getRemote());
        }
        return Jenkins.get().getRootDir().toPath().resolve("dbbranch").resolve("secrets");
    }

    /**
     * Turns an engine failure (its message says what was asked, what happened and what to do) into a build failure
     * without a stack trace. The cause stays out of it: Pipeline would keep it as a proxy and print the whole chain; it
     * goes to the system log instead.
     */
    public static AbortException abort(DbBranchException e) {
        LOGGER.log(Level.FINE, "Database branch step failed", e);
        return new AbortException(e.getMessage());
    }

    private static LeaseSpec spec(BranchRequest request, DbConnection connection, BuildIdentity build, String name,
                                  @CheckForNull FilePath workspace) throws AbortException {
        try {
            return request.toSpec(connection, ControllerOwner.get(), build, name, secretsDirectory(workspace));
        } catch (DbBranchException e) {
            throw abort(e);
        }
    }

    private static Map<String, String> publicVariables(LeaseEnvironment environment, BranchRequest request,
                                                       @CheckForNull AgentPassFile agentFile) {
        Map<String, String> variables = new LinkedHashMap<>(environment.variables());
        variables.keySet().removeAll(environment.secretNames());
        if (agentFile != null) {
            variables.put(Util.fixNull(request.envPrefix()) + "PGPASSFILE", agentFile.remotePath());
        }
        return variables;
    }

    /** Writes the password file on the agent now and at every refresh. */
    private static void mirrorPassFile(BranchLease lease, AgentPassFile file, Progress progress) throws IOException, InterruptedException {
        file.write(lease.connection(), lease.credential());
        lease.addRefreshListener(fresh -> {
            try {
                file.write(lease.connection(), fresh);
            } catch (IOException e) {
                progress.report("could not rewrite the password file on the agent: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
