package io.dbbranch.testkit.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The faults waiting to be played, per route name ({@code branches.create}, {@code operations.get}, …). Each
 * injected fault is used by the next matching request(s) and then gone, so a test says exactly how many
 * requests fail. Thread-safe; can be changed while the emulator runs.
 */
public final class Faults {
    private final Map<String, Deque<Fault>> pending = new HashMap<>();

    /** The next request on {@code route} meets {@code fault}. */
    public Faults inject(String route, Fault fault) {
        return inject(route, fault, 1);
    }

    /** The next {@code times} requests on {@code route} meet {@code fault}. */
    public synchronized Faults inject(String route, Fault fault, int times) {
        Deque<Fault> queue = pending.computeIfAbsent(route, r -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
        return this;
    }

    /**
     * Injects faults written as on the command line: {@code route=fault[*times][,fault[*times]…]}, e.g.
     * {@code branches.create=429:1s*2,reset}.
     */
    public Faults inject(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("write a fault as route=kind[*times], e.g. branches.create=503*2");
        }
        String route = spec.substring(0, equals).trim();
        for (String item : spec.substring(equals + 1).split(",")) {
            String[] countSplit = item.split("\\*", 2);
            int times = countSplit.length == 2 ? Integer.parseInt(countSplit[1].trim()) : 1;
            inject(route, Fault.parse(countSplit[0]), times);
        }
        return this;
    }

    /** Takes the next fault for {@code route}, if any. */
    public synchronized Optional<Fault> take(String route) {
        Deque<Fault> queue = pending.get(route);
        return Optional.ofNullable(queue == null ? null : queue.pollFirst());
    }

    /** How many faults are still waiting on {@code route}. */
    public synchronized int pending(String route) {
        Deque<Fault> queue = pending.get(route);
        return queue == null ? 0 : queue.size();
    }

    public synchronized void clear() {
        pending.clear();
    }
}
