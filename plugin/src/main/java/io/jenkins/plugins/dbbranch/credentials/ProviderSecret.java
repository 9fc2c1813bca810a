package io.jenkins.plugins.dbbranch.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import io.dbbranch.engine.credentials.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * A platform secret taken out of the Credentials plugin and handed to an engine provider: an OAuth client (id and
 * secret, for a Databricks service principal) or a token (a Databricks personal access token, a Neon API key).
 * Never stored: made for one provider and dropped with it.
 *
 * @param clientId the OAuth client id, or {@code null} for a token
 * @param secret   the client secret or the token
 */
public record ProviderSecret(String clientId, Secret secret) {
    /** What a Lakebase connection accepts: a service principal first, then a personal access token. */
    public static final List<Class<? extends IdCredentials>> LAKEBASE_TYPES =
            List.of(StandardUsernamePasswordCredentials.class, StringCredentials.class);

    /** Whether this is an OAuth client rather than a token. */
    public boolean isClient() {
        return clientId != null;
    }

    /** A Lakebase service principal ("Username with password": client id and secret) or token ("Secret text"). */
    public static ProviderSecret lakebase(CredentialLookup lookup, String id, String usedBy) throws AbortException {
        IdCredentials found = lookup.require(id, LAKEBASE_TYPES, usedBy);
        if (found instanceof StandardUsernamePasswordCredentials client) {
            return new ProviderSecret(client.getUsername(), Secret.of(client.getPassword().getPlainText()));
        }
        return new ProviderSecret(null, Secret.of(((StringCredentials) found).getSecret().getPlainText()));
    }

    /** A token kept as "Secret text". */
    public static ProviderSecret secretText(CredentialLookup lookup, String id, String usedBy) throws AbortException {
        StringCredentials token = lookup.require(id, StringCredentials.class, usedBy);
        return new ProviderSecret(null, Secret.of(token.getSecret().getPlainText()));
    }
}
