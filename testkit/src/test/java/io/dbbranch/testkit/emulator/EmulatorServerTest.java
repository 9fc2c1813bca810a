package io.dbbranch.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorServerTest {
    private final AtomicInteger acted = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmulatorServer server;

    @BeforeEach
    void start() throws IOException {
        server = new EmulatorServer(0, ErrorStyle.DATABRICKS,
                header -> header.equals("Bearer good") ? Optional.of("alice") : Optional.empty())
                .route(new Route("things.create", "POST", "/things/{id}", true, request -> {
                    acted.incrementAndGet();
                    return Reply.ok(JsonNodeFactory.instance.objectNode()
                            .put("id", request.pathParam("id")).put("by", request.identity())
                            .put("failing", request.hasFault(Fault.Kind.OPERATION_ERROR)));
                }))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEmulatorTurnsNaglesDelayOffForTheJdkServer() {
        // Set before the JDK server's configuration is read, i.e. before any server of this JVM is made.
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesMatchPathParametersAndKnowTheCaller() throws Exception {
        HttpResponse<String> response = post("/things/t1", "Bearer good");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"t1\"", "\"by\":\"alice\"", "\"failing\":false");
    }

    @Test
    void unknownCallersAndPathsGetApiStyledErrors() throws Exception {
        assertThat(post("/things/t1", "Bearer bad").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = post("/nothing", "Bearer good");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error_code\":\"ENDPOINT_NOT_FOUND\"");
        assertThat(acted).hasValue(0);
    }

    @Test
    void rateLimitAndUnavailableFaultsAnswerInsteadOfTheHandlerOncePerInjection() throws Exception {
        server.faults().inject("things.create=429:3s,503");

        HttpResponse<String> limited = post("/things/a", "Bearer good");
        HttpResponse<String> unavailable = post("/things/a", "Bearer good");
        HttpResponse<String> fine = post("/things/a", "Bearer good");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(acted).hasValue(1);
    }

    @Test
    void aResetFaultActsThenDropsTheConnection() {
        server.faults().inject("things.create", Fault.resetAfterActing());

        assertThatThrownBy(() -> post("/things/a", "Bearer good")).isInstanceOf(IOException.class);
        assertThat(acted).hasValue(1);
    }

    @Test
    void slowAndOperationFaultsStillRunTheHandler() throws Exception {
        server.faults().inject("things.create", Fault.slow(Duration.ofMillis(300)))
                .inject("things.create", Fault.operationError());

        long start = System.nanoTime();
        HttpResponse<String> slow = post("/things/a", "Bearer good");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        HttpResponse<String> failing = post("/things/a", "Bearer good");

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);
        assertThat(failing.body()).contains("\"failing\":true");
        assertThat(server.faults().pending("things.create")).isZero();
    }
}
