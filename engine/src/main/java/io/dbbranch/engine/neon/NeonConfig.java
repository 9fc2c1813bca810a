package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PositiveDuration;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a Neon project. Build with {@link #of(String, Secret, String)} and adjust with the {@code with…}
 * methods; each component documents its default.
 *
 * @param apiUrl        the API base, default {@value #DEFAULT_API_URL}
 * @param projectId     the project, e.g. {@code shiny-wind-028834}
 * @param apiKey        a Neon API key (personal, organization or project-scoped), sent as a bearer token
 * @param databaseName  the database to connect to in every branch, default {@code neondb}; {@code {branch}} in it
 *                      stands for the branch id (for emulators, which keep every branch as a database of one server)
 * @param rolePrefix    the first part of the role made for each lease ({@code <prefix><branch name>}, at most 63
 *                      bytes), default {@code dbbranch_}
 * @param owner         who we are, recorded in the branches' annotations (controller URL, or {@code cli@host})
 * @param port          the port endpoints listen on, default 5432
 * @param sslMode       libpq {@code sslmode} for branch connections, default {@code require} (Neon accepts TLS only)
 * @param rotatePasswordOnRefresh when a lease re-mints its credential: {@code false} (default) hands out the role's
 *                      current password again with a new validity; {@code true} resets it
 *                      ({@code reset_password}), so the previous password stops working, at the price that Neon drops
 *                      the branch's open connections when it applies the new one
 * @param pollInterval  the pause between polls of operations and states, default 1 s
 * @param http          timeouts and retries; by default 429, 503 and 423 Locked (a conflicting operation runs) are
 *                      retried with backoff, honouring {@code Retry-After}
 * @param historyRetention how far back branches from the past may reach when the project does not say (its
 *                      {@code history_retention_seconds}, read first); default 1 day, Neon's default on paid plans
 *                      (free projects keep 6 hours, and the service refuses what lies beyond)
 * @param pageSize      branches asked for per page when listing, default 100 (Neon allows 1–10000); a page with
 *                      fewer ends the listing
 */
public record NeonConfig(URI apiUrl, String projectId, Secret apiKey, String databaseName, String rolePrefix,
                         String owner, int port, String sslMode, boolean rotatePasswordOnRefresh, Duration pollInterval,
                         HttpSettings http, Duration historyRetention, int pageSize) {

    public static final String DEFAULT_API_URL = "https://console.neon.tech/api/v2";
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9-]{1,60}");
    private static final Pattern ROLE_PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,29}");

    public NeonConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(owner, "owner");
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use Neon project '" + projectId + "'",
                    "a project id is 1–60 lowercase letters, digits and '-'",
                    "Copy it from the project's settings page in the Neon console (e.g. shiny-wind-028834)");
        }
        if (apiKey.isEmpty()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use Neon project '" + projectId + "'",
                    "the API key is empty", "Create an API key in the Neon console and pass it as a secret");
        }
        databaseName = databaseName == null || databaseName.isBlank() ? "neondb" : databaseName;
        rolePrefix = rolePrefix == null ? "dbbranch_" : rolePrefix;
        if (!ROLE_PREFIX.matcher(rolePrefix).matches()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use role prefix '" + rolePrefix + "'",
                    "it must be 1–30 lowercase letters, digits and '_', not starting with a digit", "Use e.g. dbbranch_");
        }
        port = port == 0 ? 5432 : port;
        sslMode = sslMode == null ? "require" : sslMode;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        http = http == null ? defaultHttp() : http;
        historyRetention = historyRetention == null ? Duration.ofDays(1)
                : PositiveDuration.require(historyRetention, "historyRetention");
        pageSize = pageSize == 0 ? 100 : pageSize;
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 10000");
        }
    }

    /** The defaults against {@value #DEFAULT_API_URL}. */
    public static NeonConfig of(String projectId, Secret apiKey, String owner) {
        return new NeonConfig(URI.create(DEFAULT_API_URL), projectId, apiKey, null, null, owner, 0, null, false, null, null,
                null, 0);
    }

    /** The default HTTP settings: {@link RetryPolicy#defaults()} plus 423 Locked. */
    public static HttpSettings defaultHttp() {
        return HttpSettings.defaults().withRetry(RetryPolicy.defaults().withRetryStatus(423));
    }

    public NeonConfig withApiUrl(URI value) {
        return new NeonConfig(value, projectId, apiKey, databaseName, rolePrefix, owner, port, sslMode,
                rotatePasswordOnRefresh, pollInterval, http, historyRetention, pageSize);
    }

    public NeonConfig withDatabaseName(String value) {
        return new NeonConfig(apiUrl, projectId, apiKey, value, rolePrefix, owner, port, sslMode,
                rotatePasswordOnRefresh, pollInterval, http, historyRetention, pageSize);
    }

    public NeonConfig withRolePrefix(String value) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, value, owner, port, sslMode,
                rotatePasswordOnRefresh, pollInterval, http, historyRetention, pageSize);
    }

    /** Where branches accept connections: port and sslmode (an emulator or a tunnel). */
    public NeonConfig withConnection(int newPort, String newSslMode) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, rolePrefix, owner, newPort, newSslMode,
                rotatePasswordOnRefresh, pollInterval, http, historyRetention, pageSize);
    }

    public NeonConfig withPasswordRotation(boolean rotate) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, rolePrefix, owner, port, sslMode, rotate,
                pollInterval, http, historyRetention, pageSize);
    }

    public NeonConfig withPollInterval(Duration value) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, rolePrefix, owner, port, sslMode,
                rotatePasswordOnRefresh, value, http, historyRetention, pageSize);
    }

    public NeonConfig withHttp(HttpSettings value) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, rolePrefix, owner, port, sslMode,
                rotatePasswordOnRefresh, pollInterval, value, historyRetention, pageSize);
    }

    /** Used only when the project does not report its {@code history_retention_seconds}. */
    public NeonConfig withHistoryRetention(Duration value) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, rolePrefix, owner, port, sslMode,
                rotatePasswordOnRefresh, pollInterval, http, value, pageSize);
    }

    public NeonConfig withPageSize(int value) {
        return new NeonConfig(apiUrl, projectId, apiKey, databaseName, rolePrefix, owner, port, sslMode,
                rotatePasswordOnRefresh, pollInterval, http, historyRetention, value);
    }

    /** The database to connect to in the branch {@code branchId}. */
    String databaseFor(String branchId) {
        return databaseName.replace("{branch}", branchId);
    }

    /** The role made for leases of {@code branchName}: the prefix and the name, cut to PostgreSQL's 63 bytes. */
    String roleFor(String branchName) {
        String role = rolePrefix + branchName.replace('-', '_');
        return role.length() <= 63 ? role : role.substring(0, 63);
    }

    /** Without the API key (a record's toString would show {@code Secret}'s mask anyway; this says so plainly). */
    @Override
    public String toString() {
        return "NeonConfig[" + apiUrl + ", project " + projectId + ", database " + databaseName + ", owner " + owner + "]";
    }
}
