package io.dbbranch.engine.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that plays a script of answers, one per request, and records what it received.
 * Shared by the tests of the HTTP layer and of the REST providers.
 */
public final class StubServer implements AutoCloseable {
    /** One scripted answer; {@code status} 0 drops the connection without answering. */
    public record Answer(int status, String retryAfter, String body) {
        public static Answer ok(String body) {
            return new Answer(200, null, body);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, null, body);
        }

        public static Answer retryAfter(int status, String header) {
            return new Answer(status, header, "{\"error_code\":\"TOO_MANY\",\"message\":\"slow down\"}");
        }

        public static Answer dropConnection() {
            return new Answer(0, null, null);
        }
    }

    public record Received(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer fallback = Answer.ok("{}");

    public StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public StubServer then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public StubServer always(Answer answer) {
        fallback = answer;
        return this;
    }

    public List<Received> received() {
        return received;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Answer answer = script.poll();
        answer = answer == null ? fallback : answer;
        if (answer.status() == 0) {
            // Closing before any response closes the connection: the client sees no answer.
            exchange.close();
            return;
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
