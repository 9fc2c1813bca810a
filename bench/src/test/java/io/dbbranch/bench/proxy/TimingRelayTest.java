package io.dbbranch.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class TimingRelayTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @AutoClose
    private final EchoService upstream = EchoService.start();

    @Test
    void callsReachTheServiceUnchangedAndEachIsTimed() throws Exception {
        try (TimingRelay relay = TimingRelay.start(upstream.uri())) {
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
        try (TimingRelay relay = TimingRelay.start(upstream.uri())) {
            HttpResponse<String> chunked = send(HttpRequest.newBuilder(relay.uri().resolve("/chunked"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> empty = send(HttpRequest.newBuilder(relay.uri().resolve("/empty")).GET());
            HttpResponse<String> plain = send(HttpRequest.newBuilder(relay.uri().resolve("/plain")).GET());

            assertThat(chunked.body()).isEqualTo("DELETE /chunked ");
            assertThat(empty.statusCode()).isEqualTo(204);
            assertThat(plain.body()).isEqualTo("GET /plain ");
            assertThat(relay.stats().upstreamCalls()).isEqualTo(3);
            assertThat(upstream.clientPorts()).as("one kept-alive connection to the service carried all three").hasSize(1);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
