package io.jenkins.plugins.dbbranch.config;

import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.PgMajor;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.local.LocalClusterStatus;
import io.jenkins.plugins.dbbranch.local.StartedClusters;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Branches in an embedded PostgreSQL cluster (17, or 18 when asked) on the controller, started on first use and stopped
 * when Jenkins stops (see {@link StartedClusters}): for evaluating the plugin with nothing installed. Builds must run on
 * the controller's built-in node, or reach it over the network.
 */
public class LocalConnection extends DbConnection {
    private String home;
    private String pgVersion;

    @DataBoundConstructor
    public LocalConnection(String name) {
        super(name);
    }

    /** The folder that holds the cluster; empty for {@code $JENKINS_HOME/dbbranch/local}. */
    public String getHome() {
        return home;
    }

    @DataBoundSetter
    public void setHome(String home) {
        this.home = Util.fixEmptyAndTrim(home);
    }

    /** The PostgreSQL major version asked for ({@code 17}, {@code 18}); empty for the cluster's own, 17 for a new one. */
    public String getPgVersion() {
        return pgVersion;
    }

    @DataBoundSetter
    public void setPgVersion(String pgVersion) {
        this.pgVersion = Util.fixEmptyAndTrim(pgVersion);
    }

    /** {@link #getPgVersion()} as the engine takes it, {@code null} when none is asked for. */
    public PgMajor major() {
        return pgVersion == null ? null : PgMajor.of(pgVersion);
    }

    /** The folder actually used. */
    public LocalHome localHome() {
        return new LocalHome(home != null ? Path.of(home) : Jenkins.get().getRootDir().toPath().resolve("dbbranch").resolve("local"));
    }

    /** Opens the cluster, starting it if it is stopped; a cluster started here stops when Jenkins stops. */
    @Override
    public BranchProvider open(ConnectionContext context) {
        return StartedClusters.get().open(localHome(), major(), context.owner());
    }

    /** The cluster's state for this connection's page; does not start it. */
    public LocalClusterStatus status() {
        return LocalClusterStatus.of(localHome(), ControllerOwner.get());
    }

    @Extension
    @Symbol("local")
    public static final class DescriptorImpl extends DbConnectionDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.LocalConnection_DisplayName();
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String home,
                                               @QueryParameter String pgVersion) {
            LocalConnection candidate = new LocalConnection(name);
            candidate.setHome(home);
            candidate.setPgVersion(pgVersion);
            return test(candidate);
        }

        /** The versions a new cluster may be made with; a cluster keeps the one it was created with. */
        public ListBoxModel doFillPgVersionItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.LocalConnection_PgVersion_Default(), "");
            for (PgMajor major : PgMajor.values()) {
                items.add(String.valueOf(major.number()), String.valueOf(major.number()));
            }
            return items;
        }
    }
}
