package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiRequest;
import io.dbbranch.engine.http.Authenticator;
import io.dbbranch.engine.http.RestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Service principal sign-in to a Databricks workspace (OAuth M2M, client credentials): {@code POST /oidc/v1/token}
 * with HTTP Basic client authentication. The access token is cached and renewed before it expires (at 80 % of
 * its lifetime, and at least a minute early), and dropped when the API answers 401.
 */
final class DatabricksOAuth implements Authenticator {
    private static final Duration MIN_MARGIN = Duration.ofSeconds(60);

    private final RestClient client;
    private final Authenticator clientAuth;
    private final String description;
    private final Clock clock;
    private Secret header;
    private Instant renewAt = Instant.MIN;

    DatabricksOAuth(RestClient client, String clientId, Secret clientSecret, Clock clock) {
        this.client = client;
        this.clientAuth = Authenticator.basic(clientId, clientSecret);
        this.description = "Sign in to Databricks workspace " + client.baseUri() + " as service principal " + clientId;
        this.clock = clock;
    }

    @Override
    public synchronized Secret authorization() {
        if (header == null || !clock.instant().isBefore(renewAt)) {
            renew();
        }
        return header;
    }

    @Override
    public synchronized boolean invalidate() {
        header = null;
        return true;
    }

    private void renew() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "all-apis");
        Instant asked = clock.instant();
        // Asking twice for a token is harmless, so a lost answer may be asked again.
        Dto.AccessToken token = client.send(ApiRequest.postForm("/oidc/v1/token", form).withAuth(clientAuth)
                .idempotent(true).describedAs(description), Dto.AccessToken.class);
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, description, "the answer held no access_token",
                    "Check that the workspace URL points at a Databricks workspace");
        }
        long lifetime = token.expiresIn() == null ? 3600 : token.expiresIn();
        Duration early = Duration.ofSeconds(lifetime / 5);
        Duration margin = early.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : early;
        renewAt = asked.plusSeconds(lifetime).minus(margin);
        header = Secret.of("Bearer " + token.accessToken());
    }
}
