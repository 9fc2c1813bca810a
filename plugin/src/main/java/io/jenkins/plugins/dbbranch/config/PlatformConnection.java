package io.jenkins.plugins.dbbranch.config;

import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A connection to a branching platform (Lakebase, Neon): besides its credentials, how builds reach the branches'
 * endpoints, which the platform's defaults cover unless a project uses another database or a test emulator is used.
 */
public abstract class PlatformConnection extends CredentialedConnection {
    private String database;
    private Integer port;
    private String sslMode;

    protected PlatformConnection(String name) {
        super(name);
    }

    /** The database on each branch; empty for the platform's default. */
    public String getDatabase() {
        return database;
    }

    @DataBoundSetter
    public void setDatabase(String database) {
        this.database = Util.fixEmptyAndTrim(database);
    }

    /** The Postgres port of the branches' endpoints; empty for 5432. */
    public Integer getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(Integer port) {
        this.port = port;
    }

    /** The libpq {@code sslmode} of connections to branches; empty for {@code require}. */
    public String getSslMode() {
        return sslMode;
    }

    @DataBoundSetter
    public void setSslMode(String sslMode) {
        this.sslMode = Util.fixEmptyAndTrim(sslMode);
    }
}
