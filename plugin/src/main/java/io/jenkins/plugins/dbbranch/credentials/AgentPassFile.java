package io.jenkins.plugins.dbbranch.credentials;

import hudson.FilePath;
import hudson.slaves.WorkspaceList;
import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.security.MasterToSlaveCallable;

/**
 * The libpq password file ({@code PGPASSFILE}) of a branch on the agent that runs the build: in the workspace's
 * temporary folder ({@code …@tmp}), readable by its owner only, rewritten at each credential refresh and deleted at
 * teardown. The engine writes its own copy on the controller; processes on an agent cannot read that one.
 */
public final class AgentPassFile {
    private final FilePath file;

    private AgentPassFile(FilePath file) {
        this.file = file;
    }

    /** The password file of {@code branch} for builds in {@code workspace}. */
    public static AgentPassFile in(FilePath workspace, String branch) {
        FilePath temporary = WorkspaceList.tempDir(workspace);
        // Only a workspace at the file system's root has no temporary folder beside it.
        return new AgentPassFile((temporary != null ? temporary : workspace).child("dbbranch-" + branch + ".pgpass"));
    }

    /** Its path on the agent, for {@code PGPASSFILE}. */
    public String remotePath() {
        return file.getRemote();
    }

    /** Writes (or replaces) the file with the credential's line, on the agent. */
    public void write(ConnectionDetails connection, Credential credential) throws IOException, InterruptedException {
        file.act(new Write(file.getRemote(), connection.host(), connection.port(), connection.database(), connection.sslMode(),
                credential.user(), credential.password().reveal()));
    }

    /** Removes the file; missing is fine. */
    public void delete() throws IOException, InterruptedException {
        file.delete();
    }

    /** Runs the engine's {@link PgPassFile} where the file lives. The password only travels; it is never persisted. */
    private static final class Write extends MasterToSlaveCallable<Void, IOException> {
        private static final long serialVersionUID = 1L;
        private final String path;
        private final String host;
        private final int port;
        private final String database;
        private final String sslMode;
        private final String user;
        private final String password;

        Write(String path, String host, int port, String database, String sslMode, String user, String password) {
            this.path = path;
            this.host = host;
            this.port = port;
            this.database = database;
            this.sslMode = sslMode;
            this.user = user;
            this.password = password;
        }

        @Override
        public Void call() {
            new PgPassFile(Path.of(path)).write(new ConnectionDetails(host, port, database, sslMode), user, Secret.of(password));
            return null;
        }
    }
}
