package io.jenkins.plugins.dbbranch.config;

import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.credentials.CredentialChoices;
import io.jenkins.plugins.dbbranch.credentials.ProviderSecret;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Branches of a Neon project. The credentials are a Neon API key ("Secret text"). */
public class NeonConnection extends PlatformConnection {
    private String apiUrl;
    private String projectId;

    @DataBoundConstructor
    public NeonConnection(String name) {
        super(name);
    }

    /** The API's base URL; empty for Neon's, {@code https://console.neon.tech/api/v2}. */
    public String getApiUrl() {
        return apiUrl;
    }

    @DataBoundSetter
    public void setApiUrl(String apiUrl) {
        this.apiUrl = Util.fixEmptyAndTrim(apiUrl);
    }

    /** The Neon project id, e.g. {@code dry-sound-12345678}. */
    public String getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(String projectId) {
        this.projectId = Util.fixEmptyAndTrim(projectId);
    }

    @Override
    public BranchProvider open(ConnectionContext context) throws IOException {
        ProviderSecret apiKey = ProviderSecret.secretText(context.credentials(), getCredentialsId(), "the Neon connection '" + getName() + "'");
        return PlatformProviders.neon(this, apiKey, context.owner());
    }

    @Extension
    @Symbol("neon")
    public static final class DescriptorImpl extends DbConnectionDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.NeonConnection_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialChoices.secretText(credentialsId);
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String apiUrl,
                                               @QueryParameter String projectId, @QueryParameter String credentialsId) {
            NeonConnection candidate = new NeonConnection(name);
            candidate.setApiUrl(apiUrl);
            candidate.setProjectId(projectId);
            candidate.setCredentialsId(credentialsId);
            return test(candidate);
        }
    }
}
