package io.dbbranch.engine.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RestClient} talks to its server. One client (one connection pool) is made per settings and base
 * URI and shared by every call of a provider.
 *
 * @param connectTimeout  the longest wait for a TCP (and TLS) connection (default 10 s)
 * @param responseTimeout the longest silence while waiting for a response (default 60 s)
 * @param maxConnections  pooled connections per host (default {@value #DEFAULT_MAX_CONNECTIONS}); the pool holds at most
 *                        twice this over all hosts, and closes connections idle for 30 s
 * @param retry           when failed calls are tried again ({@link RetryPolicy#defaults()})
 * @param userAgent       the {@code User-Agent} header
 */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections, RetryPolicy retry,
                           String userAgent) {
    /**
     * One connection per call in flight: a Jenkins controller runs tens of leases at once through one provider, each
     * with one call at a time, and waiting for a pooled connection was nearly all of a lease's engine time with 8
     * (2.7 s per lease at 50 at once). 64 covers that with room; it stays bounded so that a runaway caller meets the
     * pool's wait (and the service's rate limit, which we honour) before it opens hundreds of sockets.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_MAX_CONNECTIONS, RetryPolicy.defaults(),
                "dbbranch/" + version());
    }

    public HttpSettings withRetry(RetryPolicy policy) {
        return new HttpSettings(connectTimeout, responseTimeout, maxConnections, policy, userAgent);
    }

    public HttpSettings withTimeouts(Duration connect, Duration response) {
        return new HttpSettings(connect, response, maxConnections, retry, userAgent);
    }

    public HttpSettings withUserAgent(String agent) {
        return new HttpSettings(connectTimeout, responseTimeout, maxConnections, retry, agent);
    }

    private static String version() {
        String version = HttpSettings.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
