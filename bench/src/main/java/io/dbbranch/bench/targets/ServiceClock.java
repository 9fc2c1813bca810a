package io.dbbranch.bench.targets;

import io.dbbranch.bench.proxy.ProxyStats;
import io.dbbranch.testkit.emulator.EmulatorServer;
import java.util.function.Supplier;

/**
 * A running total of the time a service has spent answering calls, read before and after a measured stretch: what
 * the service, not the client, made a lease wait for.
 */
public interface ServiceClock {
    /** Calls answered so far. */
    long calls();

    /** Their total time so far, in nanoseconds. */
    long nanos();

    /** As an emulator measures itself, from a request's hand-over to a worker to its answer written. */
    static ServiceClock inside(Supplier<EmulatorServer.Served> served) {
        return new ServiceClock() {
            @Override
            public long calls() {
                return served.get().calls();
            }

            @Override
            public long nanos() {
                return served.get().nanos();
            }
        };
    }

    /** As a proxy in front of the service measures it, from passing a call on to having its whole answer. */
    static ServiceClock atProxy(ProxyStats stats) {
        return new ServiceClock() {
            @Override
            public long calls() {
                return stats.upstreamCalls();
            }

            @Override
            public long nanos() {
                return stats.upstreamNanos();
            }
        };
    }
}
