package io.dbbranch.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FaultProxyTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @AutoClose
    private final EchoService upstream = EchoService.start();

    @Test
    void callsWithoutAFaultReachTheServiceUnchangedAndAreTimed() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(upstream.uri(), FaultMix.none())) {
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
        try (FaultProxy proxy = FaultProxy.start(upstream.uri(), new FaultMix(1.0, 7))) {
            for (int call = 0; call < 200 && seen.size() < 4; call++) {
                seen.add(call(proxy.uri()));
            }
            ProxyStats stats = proxy.stats();
            assertThat(seen).containsExactlyInAnyOrder(FaultMix.Kind.RATE_LIMITED, FaultMix.Kind.UNAVAILABLE,
                    FaultMix.Kind.SLOW, FaultMix.Kind.RESET_AFTER_ACTING);
            assertThat(stats.faulted()).isEqualTo(stats.calls());
            assertThat(upstream.carriedOut()).as("calls the service carried out")
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
}
