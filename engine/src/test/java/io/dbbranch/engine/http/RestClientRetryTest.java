package io.dbbranch.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.StubServer.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestClientRetryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(200),
            Duration.ofSeconds(10), Set.of(429, 503));

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private StubServer server;
    private RestClient client;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        client = clientFor(POLICY);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private RestClient clientFor(RetryPolicy policy) {
        return new RestClient(server.uri(), HttpSettings.defaults().withRetry(policy), sleeps::add,
                Clock.fixed(NOW, ZoneOffset.UTC), new Random(7));
    }

    @Test
    void retryAfterInSecondsIsWaitedBeforeTheNextAttempt() {
        server.then(Answer.retryAfter(429, "3"), Answer.ok("{\"x\":1}"));

        ApiResponse response = client.send(ApiRequest.get("/things"));

        assertThat(response.text()).isEqualTo("{\"x\":1}");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void retryAfterAsHttpDateIsWaitedUntilThatMoment() {
        server.then(Answer.retryAfter(503, RetryAfter.format(NOW.plusSeconds(5))), Answer.ok("{}"));

        client.send(ApiRequest.get("/things"));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void withoutRetryAfterBackoffGrowsExponentiallyWithinItsBounds() {
        server.then(Answer.status(503, ""), Answer.status(503, ""), Answer.status(503, ""), Answer.ok("{}"));

        client.send(ApiRequest.get("/things"));

        assertThat(sleeps).hasSize(3);
        for (int retry = 1; retry <= 3; retry++) {
            assertThat(sleeps.get(retry - 1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200L << (retry - 1)));
        }
    }

    @Test
    void retriesStopAfterTheAttemptBudgetWithTheServersError() {
        server.always(Answer.status(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"maintenance\"}"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client.send(ApiRequest.get("/things")));

        assertThat(server.received()).hasSize(4);
        assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(failure.attempts()).isEqualTo(4);
        assertThat(failure.getMessage()).contains("HTTP 503", "TEMPORARILY_UNAVAILABLE: maintenance", "after 4 attempts");
    }

    @Test
    void aRetryAfterLongerThanTheBudgetFailsAtOnce() {
        server.always(Answer.retryAfter(429, "3600"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client.send(ApiRequest.get("/things")));

        assertThat(failure.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aCreateIsNotRepeatedAfterTheConnectionDropsButReportedAsPossiblyDone() {
        server.then(Answer.dropConnection());

        ApiException failure = catchThrowableOfType(ApiException.class,
                () -> client.send(ApiRequest.post("/branches", Map.of("name", "b"))));

        assertThat(failure.outcomeUnknown()).isTrue();
        assertThat(failure.status()).isEqualTo(ApiException.NO_RESPONSE);
        assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anIdempotentCallIsRepeatedAfterTheConnectionDrops() {
        server.then(Answer.dropConnection(), Answer.ok("{\"ok\":true}"));

        ApiResponse response = client.send(ApiRequest.get("/branches/b"));

        assertThat(response.text()).contains("ok");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsRetriedAndKnownNotToHaveArrived() throws Exception {
        java.net.URI closed = server.uri();
        server.close();
        try (RestClient toNowhere = new RestClient(closed, HttpSettings.defaults().withRetry(POLICY), sleeps::add,
                Clock.fixed(NOW, ZoneOffset.UTC), new Random(1))) {
            ApiException failure = catchThrowableOfType(ApiException.class,
                    () -> toNowhere.send(ApiRequest.post("/branches", Map.of())));

            assertThat(failure.outcomeUnknown()).isFalse();
            assertThat(failure.attempts()).isEqualTo(4);
        }
    }

    @Test
    void otherStatusesAreNotRetried() {
        server.then(Answer.status(423, "{\"code\":\"locked\",\"message\":\"operation running\"}"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client.send(ApiRequest.get("/b")));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.apiCode()).isEqualTo("locked");
        assertThat(failure.getMessage()).contains("operation running");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anAddedRetryStatusIsRetried() {
        client.close();
        client = clientFor(POLICY.withRetryStatus(423));
        server.then(Answer.status(423, "{\"code\":\"locked\",\"message\":\"operation running\"}"), Answer.ok("{}"));

        client.send(ApiRequest.get("/b"));

        assertThat(server.received()).hasSize(2);
    }

    @Test
    void errorBodiesOfBothShapesAreMappedToErrorCodes() {
        server.then(Answer.status(404, "{\"error_code\":\"NOT_FOUND\",\"message\":\"Project p does not exist\"}"),
                Answer.status(409, "{\"error_code\":\"ALREADY_EXISTS\",\"message\":\"branch exists\"}"),
                Answer.status(401, "<html>nope</html>"));

        ApiException notFound = catchThrowableOfType(ApiException.class,
                () -> client.send(ApiRequest.get("/p").describedAs("Read project 'p'")));
        ApiException exists = catchThrowableOfType(ApiException.class, () -> client.send(ApiRequest.post("/b", Map.of())));
        ApiException unauthorized = catchThrowableOfType(ApiException.class, () -> client.send(ApiRequest.get("/p")));

        assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(notFound.getMessage()).startsWith("Read project 'p': ").contains("Project p does not exist");
        assertThat(exists.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(unauthorized.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(unauthorized.getMessage()).contains("<html>nope</html>");
    }

    @Test
    void theTokenIsSentButNeverShownInFailures() {
        server.always(Answer.status(403, "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"no\"}"));
        Secret token = Secret.of("dapi-very-secret");

        ApiException failure = catchThrowableOfType(ApiException.class,
                () -> client.send(ApiRequest.get("/p").withAuth(Authenticator.bearer(token))));

        assertThat(server.received().get(0).authorization()).isEqualTo("Bearer dapi-very-secret");
        assertThat(failure.getMessage()).doesNotContain("dapi-very-secret");
        assertThat(ApiRequest.get("/p").withAuth(Authenticator.bearer(token)).toString()).doesNotContain("dapi");
    }

    @Test
    void anUnauthorizedCallIsRetriedOnceWhenTheAuthenticatorCanRenew() {
        server.then(Answer.status(401, "{}"), Answer.ok("{}"));
        int[] renewals = {0};
        Authenticator renewing = new Authenticator() {
            @Override
            public Secret authorization() {
                return Secret.of("Bearer t" + renewals[0]);
            }

            @Override
            public boolean invalidate() {
                renewals[0]++;
                return true;
            }
        };

        client.send(ApiRequest.get("/p").withAuth(renewing));

        assertThat(server.received()).extracting(StubServer.Received::authorization).containsExactly("Bearer t0", "Bearer t1");
    }

    @Test
    void formsAndQueriesAreEncoded() {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "all apis");
        client.send(ApiRequest.postForm("/token", form)
                .withQuery("page_token", "a b/c"));

        assertThat(server.received().get(0).body()).isEqualTo("grant_type=client_credentials&scope=all+apis");
        assertThat(server.received().get(0).path()).isEqualTo("/token?page_token=a+b%2Fc");
    }
}
