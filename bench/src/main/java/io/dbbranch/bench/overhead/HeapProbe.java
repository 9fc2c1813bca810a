package io.dbbranch.bench.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The JVM's heap: what is live after a full collection, and the peak in use while something runs. */
final class HeapProbe implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts sampling the heap in use every 20 ms. */
    HeapProbe() {
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(used(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
    }

    /** The most heap in use at any sample so far, in bytes. */
    long peak() {
        return Math.max(peak.get(), used());
    }

    /** The live heap: used bytes after asking for full collections until the figure settles. */
    static long live() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            long now = used();
            if (Math.abs(previous - now) < (256 << 10)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
