package io.dbbranch.bench.soak;

import io.dbbranch.bench.targets.Target;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Looks at the service's branches every few hundred milliseconds while a soak runs and remembers every id seen
 * under each name of the soak: a name with two ids is a duplicate (a create carried out twice), even when both
 * were deleted before the end.
 */
final class BranchCensus implements AutoCloseable {
    private final Target target;
    private final String prefix;
    private final Map<String, Set<String>> idsByName = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger failedLooks = new AtomicInteger();
    private int peak;

    BranchCensus(Target target, String prefix, long everyMillis) {
        this.target = target;
        this.prefix = prefix;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "soak-census");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::look, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Takes one look now and returns the soak's branches the service holds. */
    synchronized List<Target.ServiceBranch> look() {
        try {
            List<Target.ServiceBranch> ours = target.branches().stream().filter(b -> b.name().startsWith(prefix)).toList();
            ours.forEach(branch -> idsByName.computeIfAbsent(branch.name(), n -> new LinkedHashSet<>()).add(branch.id()));
            peak = Math.max(peak, ours.size());
            return ours;
        } catch (RuntimeException e) {
            failedLooks.incrementAndGet();
            return List.of();
        }
    }

    /** Names seen with more than one id, with the ids. */
    synchronized Map<String, Set<String>> duplicates() {
        Map<String, Set<String>> duplicates = new LinkedHashMap<>();
        idsByName.forEach((name, ids) -> {
            if (ids.size() > 1) {
                duplicates.put(name, Set.copyOf(ids));
            }
        });
        return duplicates;
    }

    /** How many distinct branches were seen in all. */
    synchronized int branchesSeen() {
        return idsByName.values().stream().mapToInt(Set::size).sum();
    }

    /** The most branches of the soak alive at one look. */
    synchronized int peak() {
        return peak;
    }

    int failedLooks() {
        return failedLooks.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
