package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Request;
import io.dbbranch.testkit.emulator.Route;
import io.dbbranch.testkit.emulator.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call and how they log in to Postgres: the workspace OIDC token endpoint (service principal M2M),
 * bearer checks for every API call (OAuth access tokens or the personal access token), and the database
 * credential endpoint. Route names for faults: {@code oidc.token}, {@code credentials.create}.
 */
final class AuthRoutes {
    static final String ACCESS_TOKEN = "at";
    static final String DATABASE_TOKEN = "db";
    private static final Pattern ENDPOINT = Pattern.compile("projects/([^/]+)/branches/([^/]+)/endpoints/([^/]+)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LakebaseEmulator.Identities identities;
    private final TokenSigner signer;
    private final BranchStore store;
    private final TokenLogins logins;
    private final Tuning tuning;
    private final Clock clock;

    AuthRoutes(LakebaseEmulator.Identities identities, TokenSigner signer, TokenLogins logins, BranchStore store,
               Tuning tuning, Clock clock) {
        this.identities = identities;
        this.signer = signer;
        this.store = store;
        this.logins = logins;
        this.tuning = tuning;
        this.clock = clock;
    }

    void register(EmulatorServer server, String issuer) {
        server.route(new Route("oidc.token", "POST", "/oidc/v1/token", false, this::token))
                .route(new Route("oidc.discovery", "GET", "/oidc/.well-known/oauth-authorization-server", false,
                        r -> Reply.ok(NODES.objectNode().put("issuer", issuer + "/oidc")
                                .put("token_endpoint", issuer + "/oidc/v1/token")
                                .put("authorization_endpoint", issuer + "/oidc/v1/authorize"))))
                .route(new Route("credentials.create", "POST", "/api/2.0/postgres/credentials", true, this::credential));
    }

    /** The caller behind an {@code Authorization} header: a valid access token's subject, or the PAT's user. */
    Optional<String> authenticate(String authorization) {
        if (!authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String token = authorization.substring("Bearer ".length()).trim();
        if (equal(token, identities.personalAccessToken())) {
            return Optional.of(identities.patUser());
        }
        return signer.verify(token, ACCESS_TOKEN);
    }

    private Reply token(Request request) {
        String[] client = basicCredentials(request.header("Authorization").orElse(""));
        if (client == null || !client[0].equals(identities.clientId()) || !equal(client[1], identities.clientSecret())) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        Map<String, String> form = request.form();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        Duration ttl = tuning.accessTokenTtl();
        TokenSigner.SignedToken token = signer.sign(client[0], ACCESS_TOKEN, ttl, Map.of("scope", form.getOrDefault("scope", "")));
        return Reply.ok(NODES.objectNode().put("access_token", token.token()).put("token_type", "Bearer")
                .put("expires_in", ttl.toSeconds()).put("scope", form.getOrDefault("scope", "all-apis")));
    }

    private Reply credential(Request request) throws Exception {
        JsonNode body = request.json();
        String endpoint = body.path("endpoint").asText("");
        Matcher parts = ENDPOINT.matcher(endpoint);
        if (!parts.matches()) {
            throw LakebaseErrors.invalid("Field 'endpoint' must be 'projects/<p>/branches/<b>/endpoints/<e>', got '"
                    + endpoint + "'");
        }
        if (!parts.group(1).equals(store.project())) {
            throw LakebaseErrors.notFound("project");
        }
        EmulatedBranch branch = store.get(parts.group(2));
        if (!LakebaseJson.ENDPOINT_ID.equals(parts.group(3))) {
            throw LakebaseErrors.notFound("endpoint");
        }
        if (!branch.isReady()) {
            throw LakebaseErrors.invalidState("Branch '" + branch.id + "' is " + branch.state + ", not READY");
        }
        Duration ttl = ttl(body);
        String identity = request.identity();
        // Every token stays good until it expires, whatever is minted after it: the login front checks it (TokenLogins).
        logins.grant(branch.server, identity, branch.id);
        TokenSigner.SignedToken minted = signer.sign(identity, DATABASE_TOKEN, ttl, Map.of("endpoint", endpoint));
        return Reply.ok(NODES.objectNode().put("token", minted.token()).put("expire_time", minted.expiresAt().toString()));
    }

    private Duration ttl(JsonNode body) {
        Duration ttl;
        if (body.hasNonNull("ttl") && body.hasNonNull("expire_time")) {
            throw LakebaseErrors.invalid("Only one of 'ttl' and 'expire_time' may be set");
        } else if (body.hasNonNull("expire_time")) {
            Instant at = LakebaseJson.time(body.get("expire_time").asText(), "expire_time");
            ttl = Duration.between(clock.instant(), at);
        } else if (body.hasNonNull("ttl")) {
            ttl = LakebaseJson.duration(body.get("ttl").asText(), "ttl");
        } else {
            ttl = tuning.maxCredentialTtl();
        }
        if (ttl.compareTo(tuning.minCredentialTtl()) < 0 || ttl.compareTo(tuning.maxCredentialTtl()) > 0) {
            throw LakebaseErrors.invalid("The credential lifetime must be between " + tuning.minCredentialTtl().toSeconds()
                    + "s and " + tuning.maxCredentialTtl().toSeconds() + "s, got " + ttl.toSeconds() + "s");
        }
        return ttl;
    }

    private static String[] basicCredentials(String header) {
        if (!header.startsWith("Basic ")) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Reply oauthError(int status, String error, String description) {
        ObjectNode body = NODES.objectNode().put("error", error).put("error_description", description);
        return Reply.status(status, body);
    }

    private static boolean equal(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
