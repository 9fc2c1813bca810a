package io.jenkins.plugins.dbbranch.config;

import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import io.dbbranch.engine.spi.BranchProvider;
import java.io.IOException;

/**
 * A named place where branches are made: a Lakebase project, a Neon project, a PostgreSQL server, or the embedded
 * cluster on the controller. Configured once by an administrator in {@link DbBranchConfiguration}; Pipelines
 * refer to it by {@link #getName()}. Holds no secret: only credentials ids.
 */
public abstract class DbConnection implements Describable<DbConnection>, ExtensionPoint {
    private final String name;
    private String reviewPolicy;

    protected DbConnection(String name) {
        this.name = name == null ? "" : name.trim();
    }

    /** The name Pipelines use: {@code withDbBranch(connection: 'lakebase-prod')}. */
    public String getName() {
        return name;
    }

    /**
     * The migration review policy of this connection, in the policy file's format; laid over the defaults and under a
     * repository's policy file. {@code null} for none.
     */
    public String getReviewPolicy() {
        return reviewPolicy;
    }

    @DataBoundSetter
    public void setReviewPolicy(String reviewPolicy) {
        this.reviewPolicy = Util.fixEmptyAndTrim(reviewPolicy);
    }

    /** The parent branch used when a step names none. */
    public String defaultParent() {
        return "main";
    }

    /**
     * Opens a provider for this connection; the caller closes it (closing never deletes branches).
     *
     * @throws IOException with a message naming the connection and what to fix (missing credentials, bad URL)
     */
    public abstract BranchProvider open(ConnectionContext context) throws IOException;

    @Override
    public DbConnectionDescriptor getDescriptor() {
        return (DbConnectionDescriptor) Describable.super.getDescriptor();
    }
}
