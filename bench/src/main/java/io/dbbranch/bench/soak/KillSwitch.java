package io.dbbranch.bench.soak;

/**
 * Interrupts one lease's thread, once, and only while that lease runs: the thread pool reuses threads, and an
 * interrupt that arrived after the lease ended would kill the next one.
 */
final class KillSwitch {
    private final boolean planned;
    private Thread thread;
    private boolean done;
    private String landed;
    private volatile boolean opened;

    /** @param planned whether the soak means to fire it */
    KillSwitch(boolean planned) {
        this.planned = planned;
    }

    /** A switch that is never fired. */
    static KillSwitch never() {
        return new KillSwitch(false);
    }

    boolean planned() {
        return planned;
    }

    synchronized void arm(Thread worker) {
        this.thread = worker;
    }

    /** The lease is open: a kill from now on lands in its body. */
    void opened() {
        opened = true;
    }

    /** Interrupts the lease if it still runs. */
    synchronized void fire() {
        if (!done && thread != null && landed == null) {
            landed = opened ? "body" : "open";
            thread.interrupt();
        }
    }

    /** Called by the worker when its lease is over; clears an interrupt meant for it. */
    synchronized void disarm() {
        done = true;
        Thread.interrupted();
    }

    /** Where the kill landed ({@code open} or {@code body}), or null when it did not. */
    synchronized String landed() {
        return landed;
    }
}
