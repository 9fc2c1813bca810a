package io.jenkins.plugins.dbbranch.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Where credentials ids of a connection are resolved: in a build, with the build's rights and usage tracking; outside
 * builds (reaper, "Test connection"), among the controller's global credentials as the system.
 */
public abstract class CredentialLookup {

    /**
     * Inside a build: {@code CredentialsProvider.findCredentialById(id, type, run)}, with the build's rights; the
     * credentials used are tracked (their page lists the builds that used them).
     */
    public static CredentialLookup forBuild(Run<?, ?> run) {
        return new CredentialLookup() {
            @Override
            protected <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.findCredentialById(id, type, run, List.of());
            }

            @Override
            protected void used(IdCredentials credentials) {
                // findCredentialById tracks only credentials passed as build parameters.
                CredentialsProvider.track(run, credentials);
            }
        };
    }

    /** Outside builds: the global credentials of the controller. */
    public static CredentialLookup forController() {
        return new CredentialLookup() {
            @Override
            protected <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, List.of());
            }
        };
    }

    @CheckForNull
    protected abstract <C extends IdCredentials> C find(String id, Class<C> type);

    /** Called with the credentials {@link #require} hands out. */
    protected void used(IdCredentials credentials) {
    }

    /** The credentials {@code id} of {@code type}, or an error naming the id, what was found and what was expected. */
    public <C extends IdCredentials> C require(@CheckForNull String id, Class<C> type, String usedBy) throws AbortException {
        return type.cast(require(id, List.of(type), usedBy));
    }

    /**
     * The credentials {@code id} of the first of {@code acceptable} types it is.
     *
     * @param usedBy what needs them, e.g. {@code "the Neon connection 'neon-dev'"}
     * @throws AbortException when no id is configured, none is visible, or it is of another kind
     */
    public IdCredentials require(@CheckForNull String id, List<Class<? extends IdCredentials>> acceptable, String usedBy)
            throws AbortException {
        String expected = acceptable.stream().map(CredentialLookup::kindOf).collect(Collectors.joining(" or "));
        if (id == null || id.isBlank()) {
            throw new AbortException(usedBy + " names no credentials: choose " + expected
                    + " credentials for it in Manage Jenkins » System » Database branches");
        }
        for (Class<? extends IdCredentials> type : acceptable) {
            IdCredentials found = find(id, type);
            if (found != null) {
                used(found);
                return found;
            }
        }
        StandardCredentials other = find(id, StandardCredentials.class);
        if (other == null) {
            throw new AbortException(usedBy + " names the credentials '" + id + "', but none with that id are visible here; "
                    + "add " + expected + " credentials with that id (global ones, so that clean-up outside builds finds them too)");
        }
        throw new AbortException(usedBy + " names the credentials '" + id + "', which are " + other.getDescriptor().getDisplayName()
                + "; expected " + expected);
    }

    private static String kindOf(Class<?> type) {
        if (StandardUsernamePasswordCredentials.class.isAssignableFrom(type)) {
            return "Username with password";
        }
        if (StringCredentials.class.isAssignableFrom(type)) {
            return "Secret text";
        }
        return type.getSimpleName();
    }
}
