package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabricksOAuthTest {
    private final MovableClock clock = new MovableClock();
    private StubServer server;
    private RestClient client;
    private DatabricksOAuth oauth;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        client = new RestClient(server.uri(), HttpSettings.defaults());
        oauth = new DatabricksOAuth(client, "sp-id", Secret.of("sp-secret"), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Answer token(String value, int expiresIn) {
        return Answer.ok("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
    }

    @Test
    void theTokenIsFetchedWithClientCredentialsAndCachedUntilCloseToExpiry() {
        server.then(token("first", 3600), token("second", 3600));

        assertThat(oauth.authorization().reveal()).isEqualTo("Bearer first");
        clock.advance(Duration.ofMinutes(47));
        assertThat(oauth.authorization().reveal()).as("still cached").isEqualTo("Bearer first");
        clock.advance(Duration.ofMinutes(2));
        assertThat(oauth.authorization().reveal()).as("renewed at 80 % of its life").isEqualTo("Bearer second");

        StubServer.Received request = server.received().get(0);
        assertThat(request.path()).isEqualTo("/oidc/v1/token");
        assertThat(request.body()).isEqualTo("grant_type=client_credentials&scope=all-apis");
        assertThat(request.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("sp-id:sp-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aShortLivedTokenIsRenewedAMinuteEarly() {
        server.then(token("short", 120), token("next", 120));

        oauth.authorization();
        clock.advance(Duration.ofSeconds(61));

        assertThat(oauth.authorization().reveal()).isEqualTo("Bearer next");
    }

    @Test
    void anInvalidatedTokenIsFetchedAgain() {
        server.then(token("first", 3600), token("second", 3600));
        oauth.authorization();

        assertThat(oauth.invalidate()).isTrue();

        assertThat(oauth.authorization().reveal()).isEqualTo("Bearer second");
    }

    @Test
    void aRefusedSecretSaysWhichServicePrincipalAndNeverShowsTheSecret() {
        server.then(Answer.status(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));

        ApiException failure = catchThrowableOfType(ApiException.class, oauth::authorization);

        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("as service principal sp-id", "invalid_client: Client authentication failed")
                .doesNotContain("sp-secret");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
