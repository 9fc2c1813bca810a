package io.dbbranch.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.http.StubServer.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The services' refusals for a branch limit are told apart from rate limiting and other errors, and are not retried
 * by the client: a lease waits for a slot instead (engine.capacity).
 */
class QuotaRefusalTest {
    /** Neon: 422 with the code its own tooling and its users' reports name. */
    private static final String NEON = "{\"code\":\"BRANCHES_LIMIT_EXCEEDED\",\"message\":\"number of branches exceeds the limit\"}";
    /** Databricks: 429 RESOURCE_EXHAUSTED (the SDK's ResourceExhausted) with a google.rpc.QuotaFailure detail. */
    private static final String DATABRICKS = "{\"error_code\":\"RESOURCE_EXHAUSTED\",\"message\":\"Project 'p' has reached its "
            + "limit of 2 branches.\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":"
            + "[{\"subject\":\"projects/p\",\"description\":\"branches per project\"}]}]}";

    @Test
    void neonsBranchLimitIsAQuotaRefusal() {
        assertThat(ApiError.parse(bytes(NEON)).quota()).isTrue();
        assertThat(ApiError.parse(bytes("{\"code\":\"ROOT_BRANCHES_LIMIT_EXCEEDED\",\"message\":\"x\"}")).quota()).isTrue();
    }

    @Test
    void databricksResourceExhaustedIsAQuotaOnlyWithAQuotaFailureDetail() {
        assertThat(ApiError.parse(bytes(DATABRICKS)).quota()).isTrue();
        assertThat(ApiError.parse(bytes("{\"error_code\":\"QUOTA_EXCEEDED\",\"message\":\"x\"}")).quota()).isTrue();
        assertThat(ApiError.parse(bytes("{\"error_code\":\"RESOURCE_EXHAUSTED\",\"message\":\"per-user rate limit\"}")).quota())
                .as("rate limiting").isFalse();
        assertThat(ApiError.parse(bytes("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"x\"}")).quota()).isFalse();
    }

    @Test
    void aQuotaRefusalIsNotRetriedAndFailsAsQuotaExceeded() throws Exception {
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        RetryPolicy retry429 = new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofSeconds(1), Set.of(429, 503));
        try (StubServer server = new StubServer().always(Answer.status(429, DATABRICKS));
             RestClient client = new RestClient(server.uri(), HttpSettings.defaults().withRetry(retry429), sleeps::add,
                     Clock.systemUTC(), new Random(7))) {

            assertThatThrownBy(() -> client.send(ApiRequest.get("/branches")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                        assertThat(e.status()).isEqualTo(429);
                    })
                    .hasMessageContaining("limit of 2 branches");
            assertThat(server.received()).as("asked once").hasSize(1);
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void plainRateLimitingIsStillRetried() throws Exception {
        try (StubServer server = new StubServer().then(Answer.status(429, "{\"error_code\":\"RESOURCE_EXHAUSTED\",\"message\":\"slow down\"}"),
                Answer.ok("{}"));
             RestClient client = new RestClient(server.uri(), HttpSettings.defaults(), duration -> { }, Clock.systemUTC(),
                     new Random(7))) {
            client.send(ApiRequest.get("/branches"));
            assertThat(server.received()).hasSize(2);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
