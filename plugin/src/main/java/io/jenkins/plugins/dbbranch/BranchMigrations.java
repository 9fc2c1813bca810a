package io.jenkins.plugins.dbbranch;

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
import io.dbbranch.engine.migration.UpstreamReportText;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.ControllerOwner;
import io.jenkins.plugins.dbbranch.config.DbConnection;
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
        return workspace.act(new MigrateOnAgent(workspace.getRemote(), connection.jdbcUrl(), credential.user(),
                credential.password().reveal(), label, locations));
    }

    /**
     * Applies the migrations that were proven on branches to the parent itself (after merge): history check,
     * rehearsal on a fresh branch, restore point, migration under a lock.
     *
     * @param dryRun stop after the rehearsal
     */
    public static MigrationSummary upstream(FilePath workspace, DbConnection connection, Run<?, ?> run, String parent,
                                            List<String> locations, boolean dryRun, TaskListener listener)
            throws IOException, InterruptedException {
        Path copies = Files.createTempDirectory("dbbranch-upstream");
        try {
            MigrationOptions.Builder options = MigrationOptions.builder();
            for (int i = 0; i < locations.size(); i++) {
                FilePath source = workspace.child(locations.get(i));
                if (!source.isDirectory()) {
                    throw new AbortException("migrateUpstream: there is no folder '" + locations.get(i) + "' in the workspace "
                            + workspace.getRemote() + "; check locations, and that the checkout ran");
                }
                Path copy = copies.resolve(Integer.toString(i));
                source.copyRecursiveTo(new FilePath(copy.toFile()));
                options.location(copy);
            }
            try (BranchProvider provider = connection.open(ConnectionContext.forBuild(run))) {
                UpstreamRequest request = UpstreamRequest.builder(parent, options.build()).dryRun(dryRun)
                        // The rehearsal branch is labelled with the holder: ours, so that our clean-up finds a leftover.
                        .holder(ControllerOwner.get()).build();
                return MigrationSummary.of(new UpstreamMigration(provider, ConsoleProgress.to(listener),
                        BranchMigrations.class.getClassLoader()).run(request));
            } catch (UpstreamMigrationException e) {
                listener.getLogger().println(UpstreamReportText.render(e.report()));
                throw LeaseOpener.abort(e);
            } catch (DbBranchException e) {
                throw LeaseOpener.abort(e);
            }
        } finally {
            new FilePath(copies.toFile()).deleteRecursive();
        }
    }

    /** Runs on the agent; returns a serializable summary, and failures as messages (engine exceptions carry reports). */
    private static final class MigrateOnAgent extends MasterToSlaveCallable<MigrationSummary, IOException> {
        private static final long serialVersionUID = 1L;
        private final String workspace;
        private final String jdbcUrl;
        private final String user;
        private final String password;
        private final String label;
        private final List<String> locations;

        MigrateOnAgent(String workspace, String jdbcUrl, String user, String password, String label, List<String> locations) {
            this.workspace = workspace;
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            this.label = label;
            this.locations = List.copyOf(locations);
        }

        @Override
        public MigrationSummary call() throws IOException {
            MigrationOptions.Builder options = MigrationOptions.builder();
            locations.forEach(location -> options.location(Path.of(workspace).resolve(location)));
            MigrationTarget target = MigrationTarget.of(jdbcUrl, user, Secret.of(password)).withLabel(label);
            try {
                return MigrationSummary.of(new Migrator(target, options.build(), MigrateOnAgent.class.getClassLoader()).migrate());
            } catch (MigrationFailedException e) {
                throw new AbortException(e.getMessage() + System.lineSeparator() + MigrationReportTable.render(e.partialReport()));
            } catch (DbBranchException e) {
                throw new AbortException(e.getMessage());
            }
        }
    }
}
