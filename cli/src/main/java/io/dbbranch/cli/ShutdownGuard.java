package io.dbbranch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes Ctrl-C and SIGTERM tear down instead of abandoning: while it is open, a shutdown hook interrupts the thread
 * that opened it and holds the JVM until that thread has closed the guard (its own {@code finally} blocks, teardown
 * included, have run) or the grace period is over.
 *
 * <p>The hook waits for {@link #close()}, not for the thread to end: after a signal, the JVM blocks the thread's own
 * later {@code System.exit} forever, so joining it would stall shutdown for the whole grace period.
 */
final class ShutdownGuard implements AutoCloseable {
    private final Thread worker = Thread.currentThread();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Duration grace;
    private final Consumer<String> note;
    private final Thread hook;

    ShutdownGuard(Duration grace, Consumer<String> note) {
        this.grace = grace;
        this.note = note;
        this.hook = new Thread(this::onShutdown, "dbbranch-teardown-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onShutdown() {
        if (closed.getCount() == 0) {
            return;
        }
        note.accept("stopping: cleaning up first (at most " + grace.toSeconds() + " s)");
        worker.interrupt();
        try {
            if (!closed.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                note.accept("teardown did not finish within " + grace.toSeconds() + " s; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that the latch is open.
        }
    }
}
