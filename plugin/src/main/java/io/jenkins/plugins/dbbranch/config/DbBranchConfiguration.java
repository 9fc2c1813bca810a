package io.jenkins.plugins.dbbranch.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The named connections Pipelines and freestyle jobs branch on, in Manage Jenkins » System » Database branches, and
 * in Configuration as Code:
 *
 * <pre>{@code
 * unclassified:
 *   dbBranch:
 *     connections:
 *       - lakebase:
 *           name: lakebase-prod
 *           workspaceUrl: https://dbc-1234.cloud.databricks.com
 *           project: shop
 *           credentialsId: lakebase-sp
 *       - local:
 *           name: local
 * }</pre>
 */
@Extension
@Symbol("dbBranch")
public class DbBranchConfiguration extends GlobalConfiguration {
    private List<DbConnection> connections = new ArrayList<>();

    public DbBranchConfiguration() {
        load();
    }

    public static DbBranchConfiguration get() {
        return GlobalConfiguration.all().getInstance(DbBranchConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.DbBranchConfiguration_DisplayName();
    }

    public List<DbConnection> getConnections() {
        return List.copyOf(connections);
    }

    @DataBoundSetter
    public void setConnections(List<DbConnection> connections) {
        this.connections = connections == null ? new ArrayList<>() : new ArrayList<>(connections);
        save();
    }

    /** The kinds of connection the form offers. */
    public List<DbConnectionDescriptor> getConnectionDescriptors() {
        return jenkins.model.Jenkins.get().getDescriptorList(DbConnection.class).stream()
                .map(DbConnectionDescriptor.class::cast).toList();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
        // A form without any connection sends no "connections" at all: start from none, so the last one can be removed.
        connections = new ArrayList<>();
        req.bindJSON(this, json);
        save();
        return true;
    }

    /**
     * The connection a step names; with no name, the only one configured.
     *
     * @throws AbortException naming what is configured, when there is no such connection or the choice is ambiguous
     */
    public DbConnection resolve(@CheckForNull String name) throws AbortException {
        if (connections.isEmpty()) {
            throw new AbortException("No database connection is configured: add one in Manage Jenkins » System » Database branches "
                    + "(a 'local' one needs nothing else)");
        }
        if (name == null || name.isBlank()) {
            if (connections.size() == 1) {
                return connections.get(0);
            }
            throw new AbortException("Several database connections are configured (" + names()
                    + "): name one, e.g. withDbBranch(connection: '" + connections.get(0).getName() + "') { … }");
        }
        return connections.stream().filter(connection -> connection.getName().equals(name.trim())).findFirst()
                .orElseThrow(() -> new AbortException("There is no database connection '" + name + "'; configured: " + names()));
    }

    private String names() {
        return connections.stream().map(DbConnection::getName).collect(Collectors.joining(", "));
    }
}
