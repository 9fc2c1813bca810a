package io.jenkins.plugins.dbbranch.migration;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.migration.MigrationFailedException;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationReportTable;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.migration.UpstreamMigration;
import io.dbbranch.engine.migration.UpstreamMigrationException;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamReportText;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.review.MigrationReview;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.lease.ConsoleProgress;
import io.jenkins.plugins.dbbranch.lease.LeaseOpener;
import io.jenkins.plugins.dbbranch.review.ReviewPolicySource;
import io.jenkins.plugins.dbbranch.review.ReviewPublisher;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;
import io.jenkins.plugins.dbbranch.review.ReviewSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs the engine's Flyway runner on the migrations of a build's workspace: on a branch, on the agent that holds the
 * workspace (through a {@link MasterToSlaveCallable}; the password travels with the call and is never persisted); and
 * upstream, on the controller (the engine's {@link UpstreamMigration} needs the provider, for its rehearsal branch and
 * the parent's owner login), with the migrations copied from the workspace first.
 */
public final class BranchMigrations {
    private BranchMigrations() {
    }

    /** Applies the pending migrations of {@code locations} (relative to the workspace) to a branch. */
    public static MigrationSummary onBranch(FilePath workspace, ConnectionDetails connection, Credential credential,
                                            String label, List<String> locations) throws IOException, InterruptedException {
        return workspace.act(new MigrateOnAgent(workspace.getRemote(), connection, credential, label, locations));
    }

    /**
     * Applies the pending migrations of {@code locations} to a branch under review (see {@code docs/review.md}): the
     * branch's own login migrates, a second session of it watches; nothing privileged runs.
     */
    public static ReviewSummary reviewOnBranch(FilePath workspace, ConnectionDetails connection, Credential credential,
                                               String label, List<String> locations, ReviewPolicySource policy)
            throws IOException, InterruptedException {
        return workspace.act(new ReviewOnAgent(workspace.getRemote(), connection, credential, label, locations, policy));
    }

    /**
     * What {@code migrateUpstream} asks.
     *
     * @param parent                     the parent to migrate
     * @param locations                  the migrations' folders, relative to the workspace
     * @param dryRun                     stop after the rehearsal
     * @param review                     whether to review the rehearsal, and how
     * @param migrateDespiteFailedReview migrate the parent even when the rehearsal's review says FAIL
     */
    public record Upstream(String parent, List<String> locations, boolean dryRun, ReviewRequest review,
                           boolean migrateDespiteFailedReview) {
    }

    /**
     * Applies the migrations that were proven on branches to the parent itself (after merge): history check,
     * rehearsal on a fresh branch (under review when asked: a FAIL verdict stops here unless overridden), restore point,
     * migration under a lock.
     */
    public static MigrationSummary upstream(FilePath workspace, DbConnection connection, Run<?, ?> run, Upstream ask,
                                            TaskListener listener) throws IOException, InterruptedException {
        ReviewPolicySource policy = ask.review().enabled() ? ReviewPolicySource.read(ask.review(), connection, workspace) : null;
        Path copies = Files.createTempDirectory("dbbranch-upstream");
        try {
            MigrationOptions.Builder options = MigrationOptions.builder();
            for (int i = 0; i < ask.locations().size(); i++) {
                FilePath source = workspace.child(ask.locations().get(i));
                if (!source.isDirectory()) {
                    throw new AbortException("migrateUpstream: there is no folder '" + ask.locations().get(i) + "' in the workspace "
                            + workspace.getRemote() + "; check locations, and that the checkout ran");
                }
                Path copy = copies.resolve(Integer.toString(i));
                source.copyRecursiveTo(new FilePath(copy.toFile()));
                options.location(copy);
            }
            try (BranchProvider provider = connection.open(ConnectionContext.forBuild(run))) {
                UpstreamRequest.Builder request = UpstreamRequest.builder(ask.parent(), options.build()).dryRun(ask.dryRun())
                        // The rehearsal branch is labelled with the holder: ours, so that our clean-up finds a leftover.
                        .holder(ControllerOwner.get());
                if (policy != null) {
                    listener.getLogger().println("Reviewing the rehearsal with " + policy.describe());
                    request.review(policy.options()).migrateDespiteFailedReview(ask.migrateDespiteFailedReview());
                }
                UpstreamReport report = new UpstreamMigration(provider, ConsoleProgress.to(listener),
                        BranchMigrations.class.getClassLoader()).run(request.build());
                publishReview(report, ask, run, workspace, listener);
                return MigrationSummary.of(report);
            } catch (UpstreamMigrationException e) {
                listener.getLogger().println(UpstreamReportText.render(e.report()));
                publishReview(e.report(), ask, run, workspace, listener);
                throw LeaseOpener.abort(e);
            } catch (DbBranchException e) {
                throw LeaseOpener.abort(e);
            }
        } finally {
            new FilePath(copies.toFile()).deleteRecursive();
        }
    }

    private static void publishReview(UpstreamReport report, Upstream ask, Run<?, ?> run, FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        if (report != null && report.review() != null) {
            ReviewPublisher.publish(ReviewSummary.of(report.review()), ask.review(), "migrateUpstream", run, workspace, listener);
        }
    }

    /** A Flyway run on the agent that holds the workspace: where the migrations are, and the branch's login. */
    private abstract static class OnAgent<V> extends MasterToSlaveCallable<V, IOException> {
        private static final long serialVersionUID = 1L;
        private final String workspace;
        private final String jdbcUrl;
        private final String user;
        private final String password;
        private final String label;
        private final List<String> locations;

        OnAgent(String workspace, ConnectionDetails connection, Credential credential, String label, List<String> locations) {
            this.workspace = workspace;
            this.jdbcUrl = connection.jdbcUrl();
            this.user = credential.user();
            this.password = credential.password().reveal();
            this.label = label;
            this.locations = List.copyOf(locations);
        }

        Migrator migrator() {
            MigrationOptions.Builder options = MigrationOptions.builder();
            locations.forEach(location -> options.location(Path.of(workspace).resolve(location)));
            MigrationTarget target = MigrationTarget.of(jdbcUrl, user, Secret.of(password)).withLabel(label);
            return new Migrator(target, options.build(), OnAgent.class.getClassLoader());
        }
    }

    /** Applies the migrations; returns a serializable summary, and failures as messages (engine exceptions carry reports). */
    private static final class MigrateOnAgent extends OnAgent<MigrationSummary> {
        private static final long serialVersionUID = 1L;

        MigrateOnAgent(String workspace, ConnectionDetails connection, Credential credential, String label, List<String> locations) {
            super(workspace, connection, credential, label, locations);
        }

        @Override
        public MigrationSummary call() throws IOException {
            try {
                return MigrationSummary.of(migrator().migrate());
            } catch (MigrationFailedException e) {
                throw new AbortException(e.getMessage() + System.lineSeparator() + MigrationReportTable.render(e.partialReport()));
            } catch (DbBranchException e) {
                throw new AbortException(e.getMessage());
            }
        }
    }

    /** Applies the migrations under review; a failing migration is part of the review (its verdict is FAIL), not thrown. */
    private static final class ReviewOnAgent extends OnAgent<ReviewSummary> {
        private static final long serialVersionUID = 1L;
        private final ReviewPolicySource policy;

        ReviewOnAgent(String workspace, ConnectionDetails connection, Credential credential, String label, List<String> locations,
                      ReviewPolicySource policy) {
            super(workspace, connection, credential, label, locations);
            this.policy = policy;
        }

        @Override
        public ReviewSummary call() throws IOException {
            try {
                return ReviewSummary.of(new MigrationReview(migrator(), policy.options()).run());
            } catch (DbBranchException e) {
                throw new AbortException(e.getMessage());
            }
        }
    }
}
