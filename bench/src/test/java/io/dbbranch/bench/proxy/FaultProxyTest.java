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
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {
    private final AtomicInteger carriedOut = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer upstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", exchange -> {
            carriedOut.incrementAndGet();
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Seen-Authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void callsWithoutAFaultReachTheServiceUnchangedAndAreTimed() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(upstreamUri(), FaultMix.none())) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/api/2.0/things?page=2"))
                    .header("Authorization", "Bearer t").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("POST /api/2.0/things?page=2 {\"a\":1}");
            assertThat(response.headers().firstValue("X-Seen-Authorization")).hasValue("Bearer t");
            assertThat(proxy.stats().calls()).isEqualTo(1);
            assertThat(proxy.stats().faulted()).isZero();
            assertThat(proxy.stats().upstreamCalls()).isEqualTo(1);
            assertThat(proxy.stats().upstreamNanos()).isPositive();
        }
    }

    @Test
    void everyKindOfFaultIsPlayedAndOnlySlowAndResetCallsAreCarriedOut() throws Exception {
        Set<FaultMix.Kind> seen = EnumSet.noneOf(FaultMix.Kind.class);
        try (FaultProxy proxy = FaultProxy.start(upstreamUri(), new FaultMix(1.0, 7))) {
            for (int call = 0; call < 200 && seen.size() < 4; call++) {
                seen.add(call(proxy.uri()));
            }
            ProxyStats stats = proxy.stats();
            assertThat(seen).containsExactlyInAnyOrder(FaultMix.Kind.RATE_LIMITED, FaultMix.Kind.UNAVAILABLE,
                    FaultMix.Kind.SLOW, FaultMix.Kind.RESET_AFTER_ACTING);
            assertThat(stats.faulted()).isEqualTo(stats.calls());
            assertThat(carriedOut.get()).as("calls the service carried out")
                    .isEqualTo(stats.faults(FaultMix.Kind.SLOW) + stats.faults(FaultMix.Kind.RESET_AFTER_ACTING));
        }
    }

    /** Makes one call and tells which fault the client saw. */
    private FaultMix.Kind call(URI proxy) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxy.resolve("/x")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(response.body()).contains("REQUEST_LIMIT_EXCEEDED");
                return FaultMix.Kind.RATE_LIMITED;
            }
            if (response.statusCode() == 503) {
                return FaultMix.Kind.UNAVAILABLE;
            }
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat((System.nanoTime() - start) / 1_000_000).as("held back").isGreaterThanOrEqualTo(200);
            return FaultMix.Kind.SLOW;
        } catch (IOException reset) {
            return FaultMix.Kind.RESET_AFTER_ACTING;
        }
    }

    private URI upstreamUri() {
        return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    }
}
