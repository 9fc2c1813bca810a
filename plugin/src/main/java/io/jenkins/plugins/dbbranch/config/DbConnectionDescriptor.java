package io.jenkins.plugins.dbbranch.config;

import hudson.Util;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.spi.BranchProvider;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** What every kind of connection's form shares: the name check and the "Test connection" logic. */
public abstract class DbConnectionDescriptor extends Descriptor<DbConnection> {

    protected DbConnectionDescriptor() {
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String name = Util.fixEmptyAndTrim(value);
        if (name == null) {
            return FormValidation.error(Messages.DbConnectionDescriptor_NameMissing());
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return FormValidation.error(Messages.DbConnectionDescriptor_NameInvalid());
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckMaxWait(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        try {
            DurationText.parse("maxWait", value);
            return FormValidation.ok();
        } catch (DbBranchException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Opens a provider for {@code candidate} with the controller's global credentials and lists its branches: proves
     * the address, the credentials and the permissions at once, and creates nothing.
     */
    protected static FormValidation test(DbConnection candidate) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try (BranchProvider provider = candidate.open(ConnectionContext.forController())) {
            int branches = provider.listBranches("").size();
            return FormValidation.ok(Messages.DbConnectionDescriptor_Connected(provider.kind(), branches));
        } catch (IOException | DbBranchException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
