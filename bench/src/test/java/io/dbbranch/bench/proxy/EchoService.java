package io.dbbranch.bench.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service behind a proxy under test: answers every call with {@code "<method> <uri> <body>"} and the
 * {@code Authorization} it saw, as {@code 201} with a length; {@code /chunked} answers {@code 200} in chunks and
 * {@code /empty} {@code 204} without a body. It counts the calls it carried out and the connections they came on.
 */
final class EchoService implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger carriedOut = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    private EchoService(HttpServer server) {
        this.server = server;
    }

    /** Starts one on a free loopback port; unchecked, so that a test can hold it in an {@code @AutoClose} field. */
    static EchoService start() {
        EchoService service;
        try {
            service = new EchoService(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the echo service", e);
        }
        service.server.createContext("/", exchange -> {
            service.carriedOut.incrementAndGet();
            service.clientPorts.add(exchange.getRemoteAddress().getPort());
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
        service.server.start();
        return service;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many calls reached the service. */
    int carriedOut() {
        return carriedOut.get();
    }

    /** The client-side ports of the connections calls came on. */
    Set<Integer> clientPorts() {
        return clientPorts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
