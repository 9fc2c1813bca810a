package io.dbbranch.bench.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback relay in front of an emulated REST API that passes HTTP/1.1 bytes through unchanged and times each call
 * from the request's last byte sent on to the answer's last byte received: the service's own time plus one loopback
 * hop. One thread per client connection reads a request, sends it on over a connection of its own and copies the
 * answer back, so a call costs the engine's side one wake-up of that thread, where an HTTP server and client in
 * between cost several: with many calls at once on few cores, each wake-up is a wait for a core, and the instrument
 * would be charged to the engine. No faults: {@link FaultProxy} is for those.
 */
public final class TimingRelay implements AutoCloseable {
    /** An upstream connection idle this long is replaced before use: the JDK's HTTP server closes them after 30 s. */
    private static final long STALE_NANOS = 20_000_000_000L;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final ProxyStats stats = new ProxyStats();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TimingRelay(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    }

    /** Starts a relay to {@code upstream} (host and port; paths pass through). */
    public static TimingRelay start(URI upstream) {
        try {
            TimingRelay relay = new TimingRelay(new InetSocketAddress(upstream.getHost(), upstream.getPort()));
            Thread acceptor = new Thread(relay::accept, "timing-relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the timing relay", e);
        }
    }

    /** Where clients go instead of the upstream: {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** The calls passed on and the time the service took for them. */
    public ProxyStats stats() {
        return stats;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.forEach(TimingRelay::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                Thread thread = new Thread(() -> serve(client), "timing-relay");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("the timing relay stopped accepting connections", e);
                }
            }
        }
    }

    /** Relays one client connection's calls, one at a time, until either side closes. */
    private void serve(Socket client) {
        Socket service = null;
        InputStream fromService = null;
        OutputStream toService = null;
        long lastUse = 0;
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                HttpMessage request = HttpMessage.readHead(fromClient);
                if (request == null) {
                    return;
                }
                if (service == null || System.nanoTime() - lastUse > STALE_NANOS) {
                    forget(service);
                    service = connect();
                    fromService = new BufferedInputStream(service.getInputStream());
                    toService = new BufferedOutputStream(service.getOutputStream());
                }
                request.relay(fromClient, toService, false);
                toService.flush();
                long sent = System.nanoTime();
                HttpMessage answer = HttpMessage.readHead(fromService);
                while (answer != null && answer.interim()) {
                    answer.relay(fromService, toClient, false);
                    answer = HttpMessage.readHead(fromService);
                }
                if (answer == null) {
                    throw new EOFException("the service closed the connection without answering " + request.startLine());
                }
                boolean untilClose = answer.relay(fromService, toClient, request.isHead());
                stats.upstream(System.nanoTime() - sent);
                toClient.flush();
                lastUse = System.nanoTime();
                if (untilClose || answer.closes() || request.closes()) {
                    return;
                }
            }
        } catch (SocketException | EOFException e) {
            // A side hung up mid-call: the client sees its connection end, as it would with the service itself.
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException("the timing relay failed", e);
            }
        } finally {
            open.remove(client);
            forget(service);
        }
    }

    private void forget(Socket service) {
        if (service != null) {
            open.remove(service);
            closeQuietly(service);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(upstream, 10_000);
        open.add(socket);
        return socket;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing at the end of a relay: nothing is left to release.
        }
    }
}
