package io.dbbranch.bench.targets;

import io.dbbranch.bench.proxy.FaultMix;
import io.dbbranch.bench.proxy.FaultProxy;
import io.dbbranch.bench.proxy.ProxyStats;
import java.net.URI;
import java.util.regex.Pattern;

/** How a run reaches its target's API: through a fault proxy, or not at all for a target without an API. */
public final class ApiRoute implements AutoCloseable {
    /** How the benchmarks' branch names look in a call, to tell which lease met a fault. */
    private static final Pattern BRANCH_NAMES = Pattern.compile(Pattern.quote(Target.NAME_PREFIX) + "[a-z]+-[0-9]+");

    private final FaultProxy proxy;
    private final String basePath;

    private ApiRoute(FaultProxy proxy, String basePath) {
        this.proxy = proxy;
        this.basePath = basePath;
    }

    public static ApiRoute to(Target target, FaultMix mix) {
        FaultProxy proxy = target.api().map(api -> FaultProxy.start(api, mix, target.interceptor(), BRANCH_NAMES)).orElse(null);
        return new ApiRoute(proxy, target.api().map(URI::getRawPath).orElse(""));
    }

    /** Where the provider goes (the proxy, with the API's base path); null for a target without an API. */
    public URI uri() {
        return proxy == null ? null : URI.create(proxy.uri() + basePath);
    }

    /** What the proxy saw; null without one. */
    public ProxyStats stats() {
        return proxy == null ? null : proxy.stats();
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
