package io.jenkins.plugins.dbbranch.manage;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import java.time.Clock;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Manage Jenkins » Database branches: the live branches of every configured connection, the build that holds each,
 * their age and expiry and why each is still there; administrators can delete a branch this controller made.
 *
 * <p>Viewing needs {@link Jenkins#SYSTEM_READ} (administrators, and read-only administrators where that permission
 * is enabled): the page shows job names and the platforms' branch names, configuration-level facts. Deleting needs
 * {@link Jenkins#ADMINISTER}, like changing the connections.
 */
@Extension
@Symbol("databaseBranches")
public final class DatabaseBranchesLink extends ManagementLink implements StaplerProxy {
    /** The view attribute that carries the outcome of a delete. */
    static final String RESULT = "dbbranchDeletion";

    @Override
    public String getIconFileName() {
        return "symbol-server";
    }

    @Override
    public String getUrlName() {
        return "database-branches";
    }

    @Override
    public String getDisplayName() {
        return Messages.DatabaseBranchesLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.DatabaseBranchesLink_Description();
    }

    @NonNull
    @Override
    public Permission getRequiredPermission() {
        return Jenkins.SYSTEM_READ;
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** Guards every view and action of the page, whatever the URL. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        return this;
    }

    /** Whether the viewer may delete branches (the delete buttons are shown to administrators only). */
    public boolean isDeleteAllowed() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** Each configured connection with its branches, or with why they could not be listed. */
    public List<ConnectionBranches> getConnections() {
        ConnectionContext context = ConnectionContext.forController();
        Clock clock = Clock.systemUTC();
        return DbBranchConfiguration.get().getConnections().stream()
                .map(connection -> ConnectionBranches.list(connection, context, clock)).toList();
    }

    /**
     * Deletes branch {@code branch} of connection {@code connection}, if this controller made it, and shows the page
     * again with what happened.
     */
    @RequirePOST
    public HttpResponse doDeleteBranch(@QueryParameter String connection, @QueryParameter String branch) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        BranchDeletion.Result result = BranchDeletion.delete(connection, branch, ConnectionContext.forController());
        return HttpResponses.forwardToView(this, "index").with(RESULT, result);
    }
}
