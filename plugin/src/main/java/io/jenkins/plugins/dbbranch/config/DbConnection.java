package io.jenkins.plugins.dbbranch.config;

import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.capacity.Capacity;
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
    private int maxBranches;
    private String maxWait;

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

    /** At most this many branches of this controller alive at once on the connection; 0 for no limit of ours. */
    public int getMaxBranches() {
        return maxBranches;
    }

    @DataBoundSetter
    public void setMaxBranches(int maxBranches) {
        this.maxBranches = Math.max(0, maxBranches);
    }

    /** How long a build waits for a branch slot ({@code 10m}, {@code 1h}); {@code null} for the engine's 10 minutes. */
    public String getMaxWait() {
        return maxWait;
    }

    @DataBoundSetter
    public void setMaxWait(String maxWait) {
        this.maxWait = Util.fixEmptyAndTrim(maxWait);
    }

    /**
     * The capacity a lease on this connection waits for: {@link #getMaxBranches()} slots, shared in this controller's
     * one queue per connection name, and at most {@link #getMaxWait()} in it.
     *
     * @throws io.dbbranch.engine.DbBranchException {@code INVALID_REQUEST} for a wrong wait
     */
    public Capacity capacity() {
        return new Capacity(name, maxBranches, maxWait == null ? Capacity.DEFAULT_WAIT : DurationText.parse("maxWait", maxWait));
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
