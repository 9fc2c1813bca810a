package io.jenkins.plugins.dbbranch.steps;

import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A Pipeline step that makes a database branch on a configured connection ({@code withDbBranch}, {@code pitrRestore}):
 * the parameters both take, declared once. Each is optional, trimmed, and empty means "not given". Their help lives
 * with this class ({@code help-<field>.html}, found through the superclass); a step whose field means something of its
 * own there (such as {@code pitrRestore}'s {@code keep}) has its own help file, which wins.
 */
public abstract class BranchStep extends Step {
    private String connection;
    private String keep;
    private String verify;
    private String expect;

    /** The configured connection's name; {@code null} when only one is configured. */
    public String getConnection() { return connection; }
    /** Whether to keep the branch at the end ({@code never}, {@code onFailure}, {@code always}); each step has its default. */
    public String getKeep() { return keep; }
    /** A read-only SQL query that must meet {@link #getExpect()} before anyone relies on the branch. */
    public String getVerify() { return verify; }
    /** What {@link #getVerify()} must return: {@code non-empty} (the default) or a number. */
    public String getExpect() { return expect; }

    @DataBoundSetter public void setConnection(String connection) { this.connection = Util.fixEmptyAndTrim(connection); }
    @DataBoundSetter public void setKeep(String keep) { this.keep = Util.fixEmptyAndTrim(keep); }
    @DataBoundSetter public void setVerify(String verify) { this.verify = Util.fixEmptyAndTrim(verify); }
    @DataBoundSetter public void setExpect(String expect) { this.expect = Util.fixEmptyAndTrim(expect); }
}
