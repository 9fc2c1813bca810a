package io.dbbranch.bench.soak;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts one lease's thread, once, and only while that lease runs: the thread pool reuses threads, and an
 * interrupt that arrived after the lease ended would kill the next one. A kill is planned for the opening (it fires
 * a random moment after the lease started) or for the body (a random moment after it opened).
 */
final class KillSwitch {
    /** Where a kill is meant to land. */
    enum Plan {
        NONE, IN_OPEN, IN_BODY
    }

    private final Plan plan;
    private final long delayMillis;
    private final ScheduledExecutorService killer;
    private Thread thread;
    private boolean done;
    private String landed;
    private volatile boolean opened;

    /**
     * @param plan        where the kill should land
     * @param delayMillis how long after the lease started (or opened) it fires
     * @param killer      the scheduler that fires it
     */
    KillSwitch(Plan plan, long delayMillis, ScheduledExecutorService killer) {
        this.plan = plan;
        this.delayMillis = delayMillis;
        this.killer = killer;
    }

    /** A switch that is never fired. */
    static KillSwitch never() {
        return new KillSwitch(Plan.NONE, 0, null);
    }

    boolean planned() {
        return plan != Plan.NONE;
    }

    /** The lease starts on {@code worker}. */
    synchronized void arm(Thread worker) {
        this.thread = worker;
        if (plan == Plan.IN_OPEN) {
            killer.schedule(this::fire, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The lease is open: a kill from now on lands in its body. */
    void opened() {
        opened = true;
        if (plan == Plan.IN_BODY) {
            killer.schedule(this::fire, delayMillis, TimeUnit.MILLISECONDS);
        }
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
