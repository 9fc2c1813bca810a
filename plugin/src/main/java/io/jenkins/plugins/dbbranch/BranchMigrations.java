package io.jenkins.plugins.dbbranch;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import java.io.IOException;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs Flyway where the migrations are: on the agent that holds the workspace, through a
 * {@link MasterToSlaveCallable} (the password travels with the call and is never persisted).
 *
 * <p>SEAM(migration): the call is to run the engine's {@code io.dbbranch.engine.migration.Migrator} and turn its
 * {@code MigrationReport} into a {@link MigrationSummary}; {@link #upstream} is to run its {@code UpstreamMigration}.
 * Until that package is part of the engine this plugin is built with, asking for migrations fails with a message that
 * says so.
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
     * Applies the migrations that were proven on branches to the parent itself (after merge), with the engine's
     * rehearsal and restore point.
     *
     * @param dryRun only report what would be applied
     */
    public static MigrationSummary upstream(FilePath workspace, DbConnection connection, Run<?, ?> run, String parent,
                                            List<String> locations, boolean dryRun, TaskListener listener) throws AbortException {
        throw notInThisBuild("migrateUpstream");
    }

    static AbortException notInThisBuild(String what) {
        return new AbortException(what + ": this build of the plugin does not include the engine's Flyway runner "
                + "(io.dbbranch.engine.migration); use a release that includes it");
    }

    /** Runs on the agent. */
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
            throw notInThisBuild("migrate: true");
        }
    }
}
