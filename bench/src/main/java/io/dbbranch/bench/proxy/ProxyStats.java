package io.dbbranch.bench.proxy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a {@link FaultProxy} saw: calls, faults played, and the time the service behind it took. */
public final class ProxyStats {
    private final LongAdder calls = new LongAdder();
    private final LongAdder upstreamCalls = new LongAdder();
    private final LongAdder upstreamNanos = new LongAdder();
    private final AtomicLong maxUpstreamNanos = new AtomicLong();
    private final Map<FaultMix.Kind, LongAdder> faults = new EnumMap<>(FaultMix.Kind.class);
    private final Set<String> faultedNames = ConcurrentHashMap.newKeySet();

    ProxyStats() {
        for (FaultMix.Kind kind : FaultMix.Kind.values()) {
            faults.put(kind, new LongAdder());
        }
    }

    void call(FaultMix.Kind fault) {
        calls.increment();
        faults.get(fault).increment();
    }

    void faultedFor(String name) {
        faultedNames.add(name);
    }

    /**
     * The branch names that appeared in a faulted call (in its path, query or body). Calls that name no branch
     * (token, operation polls) are not attributed, so a lease missing here may still have met one.
     */
    public Set<String> faultedNames() {
        return Set.copyOf(faultedNames);
    }

    void upstream(long nanos) {
        upstreamCalls.increment();
        upstreamNanos.add(nanos);
        maxUpstreamNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Calls received from the client. */
    public long calls() {
        return calls.sum();
    }

    /** Calls that met a fault. */
    public long faulted() {
        return calls() - faults.get(FaultMix.Kind.NONE).sum();
    }

    public long faults(FaultMix.Kind kind) {
        return faults.get(kind).sum();
    }

    /** Calls passed on to the service. */
    public long upstreamCalls() {
        return upstreamCalls.sum();
    }

    /** The service's time over all calls passed on, measured from the proxy (loopback included). */
    public long upstreamNanos() {
        return upstreamNanos.sum();
    }

    public long maxUpstreamNanos() {
        return maxUpstreamNanos.get();
    }

    /** The figures as a plain map for the JSON report. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("calls", calls());
        map.put("faulted", faulted());
        for (FaultMix.Kind kind : FaultMix.Kind.values()) {
            if (kind != FaultMix.Kind.NONE) {
                map.put(kind.name().toLowerCase(java.util.Locale.ROOT), faults(kind));
            }
        }
        map.put("upstreamCalls", upstreamCalls());
        map.put("upstreamMs", upstreamNanos() / 1e6);
        return map;
    }
}
