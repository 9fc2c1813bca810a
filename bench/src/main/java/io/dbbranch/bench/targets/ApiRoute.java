package io.dbbranch.bench.targets;

import io.dbbranch.bench.proxy.FaultMix;
import io.dbbranch.bench.proxy.FaultProxy;
import io.dbbranch.bench.proxy.ProxyStats;
import io.dbbranch.bench.proxy.TimingRelay;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * How a run reaches its target's API: through a fault proxy, through a timing relay (no faults, the lightest
 * instrument), or not at all for a target without an API.
 */
public final class ApiRoute implements AutoCloseable {
    /** How the benchmarks' branch names look in a call, to tell which lease met a fault. */
    private static final Pattern BRANCH_NAMES = Pattern.compile(Pattern.quote(Target.NAME_PREFIX) + "[a-z]+-[0-9]+");

    private final URI front;
    private final ProxyStats stats;
    private final Runnable closer;
    private final String basePath;

    private ApiRoute(URI front, ProxyStats stats, Runnable closer, String basePath) {
        this.front = front;
        this.stats = stats;
        this.closer = closer;
        this.basePath = basePath;
    }

    /** Through a {@link FaultProxy} that answers {@code mix}'s share of calls with faults. */
    public static ApiRoute to(Target target, FaultMix mix) {
        FaultProxy proxy = target.api().map(api -> FaultProxy.start(api, mix, target.interceptor(), BRANCH_NAMES)).orElse(null);
        return proxy == null ? none() : new ApiRoute(proxy.uri(), proxy.stats(), proxy::close, basePath(target));
    }

    /** Through a {@link TimingRelay}, which only times the service's answers. */
    public static ApiRoute timed(Target target) {
        TimingRelay relay = target.api().map(TimingRelay::start).orElse(null);
        return relay == null ? none() : new ApiRoute(relay.uri(), relay.stats(), relay::close, basePath(target));
    }

    private static ApiRoute none() {
        return new ApiRoute(null, null, () -> { }, "");
    }

    private static String basePath(Target target) {
        return target.api().map(URI::getRawPath).orElse("");
    }

    /** Where the provider goes (the proxy or relay, with the API's base path); null for a target without an API. */
    public URI uri() {
        return front == null ? null : URI.create(front + basePath);
    }

    /** What the proxy or relay saw; null without one. */
    public ProxyStats stats() {
        return stats;
    }

    @Override
    public void close() {
        closer.run();
    }
}
