package io.jenkins.plugins.dbbranch.lease;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.spi.BranchProvider;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The leases open in this controller, by key. A lease (its keeper thread, its provider's connections, its token) lives
 * only in memory: what Pipeline persists is a {@link LeaseHandle}, which finds its lease here. After a restart this
 * is empty until the steps resume their leases.
 *
 * <p>The strings to mask of a lease that ended stay here until its build completes, since its token could still be
 * printed by something that outlives the lease.
 */
public final class LiveLeases {
    /** An open lease of a build and the provider it runs on (closed after teardown). */
    public record Live(String runId, BranchLease lease, BranchProvider provider) {
    }

    private static final Map<String, Live> LIVE = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> ENDED_MASKS = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Void>> RESUMING = new ConcurrentHashMap<>();

    private LiveLeases() {
    }

    static void register(String key, Live live) {
        LIVE.put(key, live);
        RESUMING.remove(key);
    }

    public static Optional<Live> get(String key) {
        return Optional.ofNullable(LIVE.get(key));
    }

    /** Removes the lease (its masks are kept until the build completes). */
    static Optional<Live> end(String key) {
        RESUMING.remove(key);
        Live live = LIVE.remove(key);
        if (live != null) {
            ENDED_MASKS.computeIfAbsent(live.runId(), run -> ConcurrentHashMap.newKeySet()).addAll(live.lease().masks());
        }
        return Optional.ofNullable(live);
    }

    /** Every string to hide in the console of a build: from its live leases (with refreshes) and its ended ones. */
    public static Set<String> masksOf(String runId) {
        Set<String> masks = new LinkedHashSet<>(ENDED_MASKS.getOrDefault(runId, Set.of()));
        LIVE.values().stream().filter(live -> live.runId().equals(runId)).forEach(live -> masks.addAll(live.lease().masks()));
        return masks;
    }

    /** The keys of the leases a build still holds. */
    public static List<String> keysOf(String runId) {
        return LIVE.entrySet().stream().filter(entry -> entry.getValue().runId().equals(runId)).map(Map.Entry::getKey).toList();
    }

    /** Forgets a completed build's masks. */
    public static void forgetRun(String runId) {
        ENDED_MASKS.remove(runId);
    }

    /** Records that a lease is being resumed after a restart, so that its environment can wait for it. */
    public static void resuming(String key, CompletableFuture<Void> resumed) {
        RESUMING.put(key, resumed);
    }

    /**
     * Waits (at most {@code max}) for a lease that is being resumed after a restart. Returns at once when none is.
     *
     * @return whether the lease is live now
     */
    public static boolean awaitResumed(String key, Duration max) throws InterruptedException {
        CompletableFuture<Void> resumed = RESUMING.get(key);
        if (resumed != null) {
            try {
                resumed.get(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The step reports why; the caller sees the lease is not live.
            }
        }
        return LIVE.containsKey(key);
    }
}
