package io.dbbranch.engine.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RestClient} talks to its server. One client (one connection pool) is made per settings and base
 * URI and shared by every call of a provider.
 *
 * @param connectTimeout  the longest wait for a TCP (and TLS) connection (default 10 s)
 * @param responseTimeout the longest silence while waiting for a response (default 60 s)
 * @param maxConnections  pooled connections per host (default 8)
 * @param retry           when failed calls are tried again ({@link RetryPolicy#defaults()})
 * @param userAgent       the {@code User-Agent} header
 */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections, RetryPolicy retry,
                           String userAgent) {

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
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 8, RetryPolicy.defaults(),
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
