package io.dbbranch.testkit.pgfront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A PostgreSQL login front: a listener that speaks the start of PostgreSQL's wire protocol itself and decides who
 * may log in ({@link LoginCheck}), then logs in to the real server with the role's real password and relays the
 * session byte for byte. The emulators use it where the service they imitate accepts credentials PostgreSQL cannot
 * model, such as every unexpired token of an identity at once where PostgreSQL keeps one password per role.
 *
 * <p>Encryption (SSL and GSS) is refused, so clients must allow a plain connection ({@code sslmode=disable} or
 * {@code prefer}). The password is asked for in clear text, as services that take tokens as passwords do. Cancel
 * requests are passed on: the server's own process id and key reach the client unchanged.
 *
 * <p>Each session holds two platform threads while it lasts; at most {@link Options#maxSessions()} at once, beyond which
 * a login is refused with SQLSTATE {@code 53300}, as PostgreSQL refuses one over {@code max_connections}.
 */
public final class LoginFront implements AutoCloseable {

    /**
     * @param host        the loopback or other address to listen on
     * @param port        the port, 0 for a free one
     * @param maxSessions sessions at once
     * @param timeout     how long a client or the server may take to answer during the login
     */
    public record Options(String host, int port, int maxSessions, Duration timeout) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(timeout, "timeout");
            if (maxSessions < 1) {
                throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
            }
        }

        /** A free loopback port, 200 sessions at once, 60 s to log in (PostgreSQL's {@code authentication_timeout}). */
        public static Options loopback() {
            return new Options("127.0.0.1", 0, 200, Duration.ofSeconds(60));
        }

        public Options withPort(int newPort) {
            return new Options(host, newPort, maxSessions, timeout);
        }
    }

    private static final AtomicInteger FRONTS = new AtomicInteger();

    private final ServerSocket listener;
    private final Supplier<InetSocketAddress> server;
    private final LoginCheck check;
    private final Options options;
    private final Semaphore sessions;
    private final ThreadPoolExecutor threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private LoginFront(ServerSocket listener, Supplier<InetSocketAddress> server, LoginCheck check, Options options) {
        this.listener = listener;
        this.server = server;
        this.check = check;
        this.options = options;
        this.sessions = new Semaphore(options.maxSessions());
        String name = "pgfront-" + FRONTS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, 2 * options.maxSessions(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::accept, name + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts listening. {@code server} says where the real server is at the moment of each login (it may move when
     * it restarts).
     */
    public static LoginFront start(Options options, Supplier<InetSocketAddress> server, LoginCheck check) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
            LoginFront front = new LoginFront(listener, server, check, options);
            front.acceptor.start();
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                continue;
            }
            if (!sessions.tryAcquire()) {
                refuse(client);
                continue;
            }
            open.add(client);
            try {
                threads.execute(() -> {
                    try {
                        new FrontSession(client, server, check, options.timeout(), threads).run();
                    } finally {
                        Relay.closeQuietly(client);
                        open.remove(client);
                        sessions.release();
                    }
                });
            } catch (RuntimeException e) {
                open.remove(client);
                sessions.release();
                refuse(client);
            }
        }
    }

    private static void refuse(Socket client) {
        try (client) {
            PgWire.write(client.getOutputStream(), PgWire.fatal("53300", "sorry, too many clients already"));
        } catch (IOException e) {
            // The client is gone already; it would have been refused anyway.
        }
    }

    /** Stops listening and ends every session (their connections to the real server close with them). */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            open.forEach(Relay::closeQuietly);
            threads.shutdown();
        }
    }
}
