package io.jenkins.plugins.dbbranch.config;

import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.credentials.CredentialChoices;
import io.jenkins.plugins.dbbranch.credentials.ProviderSecret;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Branches of a Databricks Lakebase project: copy-on-write, about a second whatever the size. The credentials are
 * a service principal (client id and secret as "Username with password") or a personal access token ("Secret text").
 */
public class LakebaseConnection extends PlatformConnection {
    private String workspaceUrl;
    private String project;
    private String parentBranch;
    private String postgresRole;

    @DataBoundConstructor
    public LakebaseConnection(String name) {
        super(name);
    }

    /** The workspace, e.g. {@code https://dbc-1234.cloud.databricks.com}. */
    public String getWorkspaceUrl() {
        return workspaceUrl;
    }

    @DataBoundSetter
    public void setWorkspaceUrl(String workspaceUrl) {
        this.workspaceUrl = Util.fixEmptyAndTrim(workspaceUrl);
    }

    /** The Lakebase project id. */
    public String getProject() {
        return project;
    }

    @DataBoundSetter
    public void setProject(String project) {
        this.project = Util.fixEmptyAndTrim(project);
    }

    /** The branch that steps branch from when they name no parent; empty for {@code main}. */
    public String getParentBranch() {
        return parentBranch;
    }

    @DataBoundSetter
    public void setParentBranch(String parentBranch) {
        this.parentBranch = Util.fixEmptyAndTrim(parentBranch);
    }

    /**
     * The Postgres role builds log in as; empty for the service principal's own role. Required with a personal access
     * token: the token owner's Databricks user name.
     */
    public String getPostgresRole() {
        return postgresRole;
    }

    @DataBoundSetter
    public void setPostgresRole(String postgresRole) {
        this.postgresRole = Util.fixEmptyAndTrim(postgresRole);
    }

    @Override
    public String defaultParent() {
        return parentBranch != null ? parentBranch : super.defaultParent();
    }

    @Override
    public BranchProvider open(ConnectionContext context) throws IOException {
        ProviderSecret secret = ProviderSecret.lakebase(context.credentials(), getCredentialsId(), "the Lakebase connection '" + getName() + "'");
        return PlatformProviders.lakebase(this, secret, context.owner());
    }

    @Extension
    @Symbol("lakebase")
    public static final class DescriptorImpl extends DbConnectionDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.LakebaseConnection_DisplayName();
        }

        @POST
        public FormValidation doCheckWorkspaceUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String url = Util.fixEmptyAndTrim(value);
            boolean loopbackEmulator = url != null && url.matches("http://(localhost|127\\.[0-9.]+)(:[0-9]+)?/?");
            return url != null && (url.startsWith("https://") || loopbackEmulator) ? FormValidation.ok()
                    : FormValidation.error(Messages.LakebaseConnection_WorkspaceUrl());
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialChoices.of(ProviderSecret.LAKEBASE_TYPES, credentialsId);
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String workspaceUrl,
                                               @QueryParameter String project, @QueryParameter String credentialsId,
                                               @QueryParameter String postgresRole) {
            LakebaseConnection candidate = new LakebaseConnection(name);
            candidate.setWorkspaceUrl(workspaceUrl);
            candidate.setProject(project);
            candidate.setCredentialsId(credentialsId);
            candidate.setPostgresRole(postgresRole);
            return test(candidate);
        }
    }
}
