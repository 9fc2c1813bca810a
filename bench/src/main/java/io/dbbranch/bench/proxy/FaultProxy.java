package io.dbbranch.bench.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback reverse proxy in front of an emulated REST API that answers a share of calls with a fault
 * ({@link FaultMix}) and times how long the service behind it takes for the others. Being outside the emulator,
 * it works the same for every emulator, and the time it measures per call is the service's own (plus one
 * loopback hop), which the engine-overhead figure subtracts.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "host",
            "content-length", "upgrade", "expect", "te", "trailer", "proxy-connection", "http2-settings");

    private final URI upstream;
    private final FaultMix.Dice dice;
    private final Interceptor interceptor;
    private final Pattern names;
    private final ProxyStats stats = new ProxyStats();
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;

    private FaultProxy(URI upstream, FaultMix mix, Interceptor interceptor, Pattern names) throws IOException {
        this.upstream = upstream;
        this.dice = mix.dice();
        this.interceptor = interceptor;
        this.names = names;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a proxy to {@code upstream} (scheme, host and port; paths are passed through). */
    public static FaultProxy start(URI upstream, FaultMix mix) {
        return start(upstream, mix, Interceptor.NONE, null);
    }

    /**
     * As {@link #start(URI, FaultMix)}, with calls the {@code interceptor} answers itself, and the branch names
     * matching {@code names} (null: none) recorded for every faulted call that mentions one.
     */
    public static FaultProxy start(URI upstream, FaultMix mix, Interceptor interceptor, Pattern names) {
        try {
            FaultProxy proxy = new FaultProxy(upstream, mix, interceptor, names);
            proxy.server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fault proxy", e);
        }
    }

    /** Where clients go instead of the upstream: {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public ProxyStats stats() {
        return stats;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Read before anything else: the JDK keeps exchange attributes per context, so the body travels as a value.
            byte[] body = exchange.getRequestBody().readAllBytes();
            FaultMix.Draw draw = dice.next();
            stats.call(draw.kind());
            if (draw.kind() != FaultMix.Kind.NONE && names != null) {
                attribute(exchange, body);
            }
            switch (draw.kind()) {
                case RATE_LIMITED -> answerError(exchange, 429, "REQUEST_LIMIT_EXCEEDED", "Too many requests (injected by the soak)",
                        "1");
                case UNAVAILABLE -> answerError(exchange, 503, "TEMPORARILY_UNAVAILABLE",
                        "The service is temporarily unavailable (injected by the soak)", null);
                case SLOW -> {
                    sleep(draw.delay());
                    forwardAndAnswer(exchange, body);
                }
                case RESET_AFTER_ACTING -> {
                    forward(exchange, body);
                    // Closing before any response header makes the server drop the connection: the client cannot
                    // tell whether the call was carried out (it was).
                }
                case NONE -> forwardAndAnswer(exchange, body);
            }
        }
    }

    /** Notes which branch a faulted call was about. */
    private void attribute(HttpExchange exchange, byte[] body) {
        Matcher found = names.matcher(exchange.getRequestURI() + " " + new String(body, StandardCharsets.UTF_8));
        while (found.find()) {
            stats.faultedFor(found.group());
        }
    }

    private void forwardAndAnswer(HttpExchange exchange, byte[] body) throws IOException {
        Interceptor.Answer answer = forward(exchange, body);
        if (answer == null) {
            answerError(exchange, 502, "BAD_GATEWAY", "the emulator did not answer the proxy", null);
            return;
        }
        answer.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] reply = answer.body();
        exchange.sendResponseHeaders(answer.status(), reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
    }

    /**
     * Has the call carried out (by the interceptor or the emulator) and returns the answer, or null when the
     * emulator could not be reached. The time it takes is the service's.
     */
    private Interceptor.Answer forward(HttpExchange exchange, byte[] body) {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(pathAndQuery)).timeout(Duration.ofSeconds(120))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        Interceptor.Call call = new Interceptor.Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
        long start = System.nanoTime();
        try {
            Interceptor.Answer answer = interceptor.handle(call, () -> {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Interceptor.Answer(response.statusCode(), response.headers().map(), response.body());
            });
            stats.upstream(System.nanoTime() - start);
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException e) {
            return null;
        } catch (Exception e) {
            byte[] error = ("{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"interceptor failed: "
                    + e.toString().replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
            return Interceptor.Answer.json(500, error);
        }
    }

    private static void answerError(HttpExchange exchange, int status, String code, String message, String retryAfter)
            throws IOException {
        // Both error shapes at once: Databricks reads error_code, Neon reads code.
        byte[] body = ("{\"error_code\":\"" + code + "\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        if (retryAfter != null) {
            exchange.getResponseHeaders().put("Retry-After", List.of(retryAfter));
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
