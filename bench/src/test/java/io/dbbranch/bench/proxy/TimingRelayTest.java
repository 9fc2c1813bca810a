package io.dbbranch.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimingRelayTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Set<Integer> serviceSidePorts = ConcurrentHashMap.newKeySet();
    private HttpServer upstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", exchange -> {
            serviceSidePorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Seen-Authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            switch (exchange.getRequestURI().getPath()) {
                case "/chunked" -> {
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write(body);
                }
                case "/empty" -> exchange.sendResponseHeaders(204, -1);
                default -> {
                    exchange.sendResponseHeaders(201, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void callsReachTheServiceUnchangedAndEachIsTimed() throws Exception {
        try (TimingRelay relay = TimingRelay.start(upstreamUri())) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(relay.uri().resolve("/api/2.0/things?page=2"))
                    .header("Authorization", "Bearer t").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("POST /api/2.0/things?page=2 {\"a\":1}");
            assertThat(response.headers().firstValue("X-Seen-Authorization")).hasValue("Bearer t");
            assertThat(relay.stats().upstreamCalls()).isEqualTo(1);
            assertThat(relay.stats().upstreamNanos()).isPositive();
        }
    }

    @Test
    void chunkedAndEmptyAnswersEndWhereTheyEndSoTheConnectionCarriesTheNextCall() throws Exception {
        try (TimingRelay relay = TimingRelay.start(upstreamUri())) {
            HttpResponse<String> chunked = send(HttpRequest.newBuilder(relay.uri().resolve("/chunked"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> empty = send(HttpRequest.newBuilder(relay.uri().resolve("/empty")).GET());
            HttpResponse<String> plain = send(HttpRequest.newBuilder(relay.uri().resolve("/plain")).GET());

            assertThat(chunked.body()).isEqualTo("DELETE /chunked ");
            assertThat(empty.statusCode()).isEqualTo(204);
            assertThat(plain.body()).isEqualTo("GET /plain ");
            assertThat(relay.stats().upstreamCalls()).isEqualTo(3);
            assertThat(serviceSidePorts).as("one kept-alive connection to the service carried all three").hasSize(1);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI upstreamUri() {
        return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    }
}
