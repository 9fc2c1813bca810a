package io.dbbranch.testkit.pgfront;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Bytes both ways between a logged-in client and its connection to the real server, unchanged (queries, results,
 * {@code COPY}, notifications), until either side closes; then both connections are closed.
 */
final class Relay {
    private static final int BUFFER = 16 * 1024;

    private final Socket client;
    private final InputStream fromClient;
    private final OutputStream toClient;
    private final BackendLogin.Backend backend;

    /** The streams are the ones the login read and wrote through: they may hold bytes already read. */
    Relay(Socket client, InputStream fromClient, OutputStream toClient, BackendLogin.Backend backend) {
        this.client = client;
        this.fromClient = fromClient;
        this.toClient = toClient;
        this.backend = backend;
    }

    /**
     * Relays the server's side on a thread of {@code threads} and the client's on this one; returns when both end, so
     * that a session's threads are free again when its slot is.
     */
    void run(Executor threads) {
        CountDownLatch serverSideDone = new CountDownLatch(1);
        try {
            threads.execute(() -> {
                try {
                    pump(backend.in(), toClient);
                } finally {
                    serverSideDone.countDown();
                }
            });
        } catch (RejectedExecutionException e) {
            close();
            return;
        }
        pump(fromClient, backend.out());
        try {
            // Both sockets are closed by now: the other side's read fails at once.
            serverSideDone.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream from, OutputStream to) {
        byte[] buffer = new byte[BUFFER];
        try {
            for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
                to.write(buffer, 0, read);
                to.flush();
            }
        } catch (IOException e) {
            // One side closed or broke: the session is over for both.
        } finally {
            close();
        }
    }

    private void close() {
        closeQuietly(backend.socket());
        closeQuietly(client);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that failed already: there is nothing left to release.
        }
    }
}
