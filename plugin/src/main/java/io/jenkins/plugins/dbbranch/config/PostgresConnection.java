package io.jenkins.plugins.dbbranch.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.credentials.CredentialChoices;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Branches on a PostgreSQL server we administer: each branch is a database copied from its parent database.
 * The credentials are a role with CREATEDB and CREATEROLE (username with password).
 */
public class PostgresConnection extends CredentialedConnection {
    private String jdbcUrl;

    @DataBoundConstructor
    public PostgresConnection(String name) {
        super(name);
    }

    /** The maintenance database's JDBC URL, e.g. {@code jdbc:postgresql://db.example.com:5432/postgres?sslmode=require}. */
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    @DataBoundSetter
    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = Util.fixEmptyAndTrim(jdbcUrl);
    }

    @Override
    public BranchProvider open(ConnectionContext context) throws IOException {
        StandardUsernamePasswordCredentials admin = context.credentials().require(getCredentialsId(),
                StandardUsernamePasswordCredentials.class, "the PostgreSQL connection '" + getName() + "'");
        try {
            return new PostgresProvider(PostgresConfig.fromJdbcUrl(jdbcUrl, admin.getUsername(),
                    Secret.of(admin.getPassword().getPlainText()), context.owner()));
        } catch (DbBranchException e) {
            throw new IOException("Connection '" + getName() + "': " + e.getMessage(), e);
        }
    }

    @Extension
    @Symbol("postgres")
    public static final class DescriptorImpl extends DbConnectionDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.PostgresConnection_DisplayName();
        }

        @POST
        public FormValidation doCheckJdbcUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String url = Util.fixEmptyAndTrim(value);
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                return FormValidation.error(Messages.PostgresConnection_JdbcUrl());
            }
            return FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialChoices.usernamePassword(credentialsId);
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String jdbcUrl,
                                               @QueryParameter String credentialsId) {
            PostgresConnection candidate = new PostgresConnection(name);
            candidate.setJdbcUrl(jdbcUrl);
            candidate.setCredentialsId(credentialsId);
            return test(candidate);
        }
    }
}
