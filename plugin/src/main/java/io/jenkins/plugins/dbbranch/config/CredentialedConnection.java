package io.jenkins.plugins.dbbranch.config;

import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

/** A connection to a platform that needs credentials: it names them by id, never holds them. */
public abstract class CredentialedConnection extends DbConnection {
    private String credentialsId;

    protected CredentialedConnection(String name) {
        super(name);
    }

    /** The id of the credentials in the Credentials plugin. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }
}
