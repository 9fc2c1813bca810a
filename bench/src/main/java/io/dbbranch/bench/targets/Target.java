package io.dbbranch.bench.targets;

import io.dbbranch.bench.proxy.Interceptor;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.spi.BranchProvider;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A branching service the benchmarks run leases against (an emulator, or the local cluster), with a way to see its
 * branches from behind the API, so that leaks and duplicates are counted from the service's own books rather
 * than from what the provider under test reports.
 */
public interface Target extends AutoCloseable {
    /** Who the benchmarks' branches belong to, in their labels and for the reaper. */
    String OWNER = "bench@dbbranch";
    /** Every branch name of the benchmarks starts with this (providers that own branches by prefix need one). */
    String NAME_PREFIX = "bench-";

    /** {@code lakebase}, {@code neon} or {@code local}. */
    String name();

    /** The service's REST API, to put the fault proxy in front of; empty when it has none (local). */
    Optional<URI> api();

    /** The branch every lease copies. */
    String parent();

    /** A provider as users configure it (default retries and connection pool) that reaches the API at {@code api}. */
    default BranchProvider provider(URI api) {
        return provider(api, HttpSettings.defaults().maxConnections());
    }

    /** As {@link #provider(URI)}, with {@code maxConnections} pooled HTTP connections instead of the default. */
    BranchProvider provider(URI api, int maxConnections);

    /**
     * The command-line options of {@code soak-child} that build the same provider in another JVM
     * ({@link Targets#connect}).
     */
    List<String> childArguments(URI api);

    /**
     * Makes the service answer as fast as it can: no operation that needs polling to finish, no endpoint that
     * takes time to start. The soak keeps the realistic defaults; the overhead benchmark turns them off.
     */
    default void removeInjectedLatency() {
    }

    /** Calls the proxy answers instead of the emulator, where the emulator cannot model the service. */
    default Interceptor interceptor() {
        return Interceptor.NONE;
    }

    /** Every branch the service holds now, read behind the API. */
    List<ServiceBranch> branches();

    @Override
    void close();

    /**
     * A branch as the service's own books hold it.
     *
     * @param id   the service's id (equal to the name where the service has no separate ids)
     * @param name the branch name the lease asked for
     */
    record ServiceBranch(String id, String name) {
    }
}
