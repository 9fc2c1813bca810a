package io.jenkins.plugins.dbbranch.config;

import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchProvider;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Branches in an embedded PostgreSQL 17 cluster on the controller, started on first use: for evaluating the plugin
 * with nothing installed. Builds must run on the controller's built-in node, or reach it over the network.
 */
public class LocalConnection extends DbConnection {
    private String home;

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

    /** The folder actually used. */
    public LocalHome localHome() {
        return new LocalHome(home != null ? Path.of(home) : Jenkins.get().getRootDir().toPath().resolve("dbbranch").resolve("local"));
    }

    @Override
    public BranchProvider open(ConnectionContext context) {
        return LocalProvider.open(localHome(), context.owner());
    }

    @Extension
    @Symbol("local")
    public static final class DescriptorImpl extends DbConnectionDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.LocalConnection_DisplayName();
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String home) {
            LocalConnection candidate = new LocalConnection(name);
            candidate.setHome(home);
            return test(candidate);
        }
    }
}
