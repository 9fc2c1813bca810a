package io.dbbranch.testkit.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback HTTP server for emulated REST APIs (JDK {@code com.sun.net.httpserver}): routes, bearer
 * authentication, API-styled errors and per-route {@link Faults}. Port 0 picks a free port.
 *
 * <p>Faults are played in front of the handler: {@code RATE_LIMITED} and {@code UNAVAILABLE} answer instead of it,
 * {@code SLOW} delays it, {@code RESET_AFTER_ACTING} runs it and then drops the connection without an answer (the
 * client cannot tell whether anything happened), and {@code OPERATION_ERROR} is handed to the handler.
 */
public final class EmulatorServer implements AutoCloseable {
    /**
     * Calls served at once. The engine keeps one connection per call in flight (up to 64 per provider), and a
     * handler mostly waits for PostgreSQL: with fewer threads the emulator, not the engine, sets the pace of many
     * leases at once.
     */
    static final int THREADS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes an answer's headers and body in two TCP segments; with Nagle's algorithm on, each
        // answer waits ~40 ms for the client's delayed ACK. Read once, when the server classes load: set it first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private final ErrorStyle errorStyle;
    private final Function<String, Optional<String>> authenticator;
    private volatile PrintStream log;

    /**
     * @param port          the port to listen on, 0 for any free one
     * @param errorStyle    how error bodies look
     * @param authenticator maps an {@code Authorization} header value to the caller's identity, empty to refuse
     */
    public EmulatorServer(int port, ErrorStyle errorStyle, Function<String, Optional<String>> authenticator)
            throws IOException {
        this.errorStyle = errorStyle;
        this.authenticator = authenticator;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "emulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public EmulatorServer route(Route route) {
        routes.add(route);
        return this;
    }

    public EmulatorServer start() {
        server.start();
        return this;
    }

    /** Logs one line per request (method, path, status: never headers or bodies) to {@code out}; null for none. */
    public EmulatorServer logTo(PrintStream out) {
        this.log = out;
        return this;
    }

    public Faults faults() {
        return faults;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            Optional<Fault> fault = Optional.empty();
            try {
                Route route = null;
                Map<String, String> params = null;
                for (Route candidate : routes) {
                    Optional<Map<String, String>> match = candidate.match(path);
                    if (match.isPresent() && candidate.method().equals(method)) {
                        route = candidate;
                        params = match.get();
                        break;
                    }
                }
                if (route == null) {
                    throw new ApiFailure(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
                }
                fault = faults.take(route.name());
                reply = answer(route, exchange, method, path, params, body, fault);
            } catch (ApiFailure failure) {
                reply = error(failure.status(), failure.code(), failure.getMessage(), Map.of());
                if (failure.details() != null) {
                    ((ObjectNode) reply.body()).set("details", failure.details());
                }
            } catch (Exception unexpected) {
                reply = error(500, "INTERNAL_ERROR", unexpected.toString(), Map.of());
            }
            if (fault.filter(f -> f.kind() == Fault.Kind.RESET_AFTER_ACTING).isPresent()) {
                logLine(method, path, "connection dropped after acting (fault)");
                // Closing before any response header is sent makes the server close the connection.
                return;
            }
            send(exchange, reply);
            logLine(method, path, Integer.toString(reply.status()));
        }
    }

    private Reply answer(Route route, HttpExchange exchange, String method, String path, Map<String, String> params,
                         byte[] body, Optional<Fault> fault) throws Exception {
        if (fault.isPresent()) {
            Fault f = fault.get();
            switch (f.kind()) {
                case RATE_LIMITED -> {
                    return error(429, "REQUEST_LIMIT_EXCEEDED", "Too many requests (injected fault)", retryAfter(f.delay()));
                }
                case UNAVAILABLE -> {
                    return error(503, "TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable (injected fault)",
                            retryAfter(f.delay()));
                }
                case SLOW -> Thread.sleep(f.delay().toMillis());
                default -> {
                    // RESET_AFTER_ACTING and OPERATION_ERROR need the handler to act first.
                }
            }
        }
        String identity = null;
        if (route.authenticated()) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            identity = authorization == null ? null : authenticator.apply(authorization).orElse(null);
            if (identity == null) {
                throw new ApiFailure(401, "UNAUTHENTICATED", authorization == null
                        ? "No Authorization header: send 'Authorization: Bearer <token>'"
                        : "Invalid access token");
            }
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Request request = new Request(method, path, params,
                Request.decodeParameters(exchange.getRequestURI().getRawQuery()), headers, body, identity,
                fault.filter(f -> f.kind() == Fault.Kind.OPERATION_ERROR));
        return route.handler().handle(request);
    }

    private Reply error(int status, String code, String message, Map<String, String> headers) {
        return new Reply(status, errorStyle.render(status, code, message), headers);
    }

    private static Map<String, String> retryAfter(Duration delay) {
        return delay == null ? Map.of() : Map.of("Retry-After", Long.toString(Math.max(0, delay.toSeconds())));
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
        if (bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private void logLine(String method, String path, String outcome) {
        PrintStream out = log;
        if (out != null) {
            out.println(method + " " + path + " -> " + outcome);
        }
    }
}
