package io.dbbranch.engine.http;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A JSON REST client over one pooled Apache HttpClient 5, shared by all calls of a provider. Retries are done here
 * and only here, by {@link HttpSettings#retry()}:
 * <ul>
 *   <li>statuses of {@link RetryPolicy#retryStatuses()} (429, 503, …) are retried honouring {@code Retry-After}
 *       (seconds or HTTP-date), else with exponential backoff and jitter, bounded in count and total time;</li>
 *   <li>a transport failure before the request left (connection refused) is retried for every call; one after it
 *       may have reached the server (connection reset, no response) only for {@link ApiRequest#idempotent()} calls,
 *       because the server may have acted: others fail with {@link ApiException#outcomeUnknown()} set, and the
 *       caller looks the result up by its client-chosen id;</li>
 *   <li>a 401 is retried once when the {@link Authenticator} could drop a cached token.</li>
 * </ul>
 * Logs (at DEBUG, {@code System.Logger} "io.dbbranch.engine.http.RestClient") carry method, path, status and
 * attempt only: never headers, bodies or tokens. (HttpClient's own {@code org.apache.hc.client5.http.headers} and
 * {@code …wire} loggers do print headers at DEBUG: leave them off wherever real tokens are used.)
 *
 * <p>Make one client per provider configuration and share it: it holds the connection pool. Thread-safe.
 */
public final class RestClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RestClient.class.getName());

    private final String base;
    private final HttpSettings settings;
    private final CloseableHttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param baseUri  absolute {@code http(s)} URI every request path is appended to (may end in a path, e.g.
     *                 {@code https://console.neon.tech/api/v2})
     * @param settings timeouts, pool size and retry policy
     */
    public RestClient(URI baseUri, HttpSettings settings) {
        this(baseUri, settings, Sleeper.REAL, Clock.systemUTC(), new java.util.Random());
    }

    /** As {@link #RestClient(URI, HttpSettings)} with the waits, clock and jitter under the caller's control (tests). */
    public RestClient(URI baseUri, HttpSettings settings, Sleeper sleeper, Clock clock, RandomGenerator random) {
        this.base = checkedBase(baseUri);
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(settings.maxConnections())
                        .setMaxConnTotal(settings.maxConnections() * 2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .build())
                .setUserAgent(settings.userAgent())
                // Retries are ours (they must know about idempotency); redirects could carry the token elsewhere.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /** The base URI requests are sent under. */
    public URI baseUri() {
        return URI.create(base);
    }

    /** Sends {@code request} (with retries) and returns the 2xx response. */
    public ApiResponse send(ApiRequest request) {
        Instant start = clock.instant();
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            try {
                RawResponse response = execute(request);
                LOG.log(System.Logger.Level.DEBUG, "{0} -> {1} (attempt {2})", request, response.status(), attempt);
                if (response.status() >= 200 && response.status() < 300) {
                    return new ApiResponse(response.status(), response.body());
                }
                if (response.status() == 401 && request.auth() != null && !reauthenticated && request.auth().invalidate()) {
                    reauthenticated = true;
                    continue;
                }
                // A quota refusal (429 RESOURCE_EXHAUSTED with a QuotaFailure) lasts until branches are deleted: the
                // capacity gate waits for that in its queue, so retrying here would only hide it.
                ApiError error = ApiError.parse(response.body());
                if (!settings.retry().retriesStatus(response.status()) || error.quota()) {
                    throw ApiFailures.ofStatus(request, response.status(), error, attempt);
                }
                Optional<Duration> retryAfter = RetryAfter.parse(response.retryAfter(), clock.instant());
                Optional<Duration> wait = nextWait(attempt, start, retryAfter);
                if (wait.isEmpty()) {
                    throw ApiFailures.ofStatus(request, response.status(), error, attempt);
                }
                pause(request, wait.get(), attempt, "HTTP " + response.status());
            } catch (IOException failure) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new DbBranchException(ErrorCode.INTERRUPTED, request.description() + ": interrupted", failure);
                }
                boolean mayHaveArrived = mayHaveArrived(failure);
                boolean retriable = !(failure instanceof UnknownHostException || failure instanceof SSLException)
                        && (!mayHaveArrived || request.idempotent());
                Optional<Duration> wait = retriable ? nextWait(attempt, start, Optional.empty()) : Optional.empty();
                if (wait.isEmpty()) {
                    throw ApiFailures.ofTransport(request, failure, mayHaveArrived, attempt);
                }
                pause(request, wait.get(), attempt, failure.getClass().getSimpleName());
            }
        }
    }

    /** Sends {@code request} and reads the response body as {@code type}. */
    public <T> T send(ApiRequest request, Class<T> type) {
        ApiResponse response = send(request);
        try {
            return ApiJson.mapper().readValue(response.hasBody() ? response.body() : "{}".getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw ApiFailures.unreadable(request, response, e);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    private Optional<Duration> nextWait(int attempt, Instant start, Optional<Duration> retryAfter) {
        return settings.retry().nextWait(attempt, Duration.between(start, clock.instant()), retryAfter, random);
    }

    private void pause(ApiRequest request, Duration wait, int attempt, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}, retry {2}/{3} in {4} ms", request, reason, attempt,
                settings.retry().maxAttempts() - 1, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, request.description() + ": interrupted while waiting to retry", e);
        }
    }

    private RawResponse execute(ApiRequest request) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method())
                .setUri(URI.create(base + request.pathAndQuery()))
                .addHeader(HttpHeaders.ACCEPT, "application/json");
        if (request.auth() != null) {
            builder.addHeader(HttpHeaders.AUTHORIZATION, request.auth().authorization().reveal());
        }
        if (request.form() != null) {
            builder.setEntity(new ByteArrayEntity(ApiRequest.encode(request.form()).getBytes(StandardCharsets.UTF_8),
                    ContentType.APPLICATION_FORM_URLENCODED));
        } else if (request.body() != null) {
            builder.setEntity(new ByteArrayEntity(ApiJson.mapper().writeValueAsBytes(request.body()), ContentType.APPLICATION_JSON));
        }
        ClassicHttpRequest http = builder.build();
        return this.http.execute(http, response -> {
            Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            return new RawResponse(response.getCode(), retryAfter == null ? null : retryAfter.getValue(), body);
        });
    }

    /** Whether the server may have received the request: false only when no connection was ever made. */
    private static boolean mayHaveArrived(IOException failure) {
        return !(failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException);
    }

    private static String checkedBase(URI baseUri) {
        if (baseUri == null || !baseUri.isAbsolute() || baseUri.getHost() == null
                || !("https".equals(baseUri.getScheme()) || "http".equals(baseUri.getScheme()))) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use the service URL '" + baseUri + "'",
                    "it is not an absolute http(s) URL with a host", "Write it as https://host[/path]");
        }
        String text = baseUri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private record RawResponse(int status, String retryAfter, byte[] body) {
    }
}
