package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PositiveDuration;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and as whom the Lakebase provider works. Immutable; made with {@link #builder()}, which checks it and
 * documents every default.
 *
 * @param workspaceUrl     the Databricks workspace, e.g. {@code https://dbc-1234.cloud.databricks.com}
 * @param project          the Lakebase project id
 * @param parentBranch     the branch to copy when a request names none (default {@code main})
 * @param clientId         the service principal's application (client) id, for OAuth M2M; or {@code null}
 * @param clientSecret     its OAuth secret; or {@code null}
 * @param personalAccessToken a personal access token instead of a service principal; or {@code null}
 * @param postgresUser     the Postgres role to log in as (default: the client id; required with a token)
 * @param database         the database on each branch (default {@code databricks_postgres}); {@code {branch}} in it
 *                         is replaced by the branch id (the emulator keeps each branch in its own database)
 * @param port             the Postgres port (default 5432)
 * @param sslMode          the libpq {@code sslmode} (default {@code require})
 * @param namePrefix       the prefix of the branches this configuration owns (default {@code ci-}); Lakebase branches
 *                         carry no labels, so this prefix and the branch's expiry are what mark a branch as ours
 * @param owner            the owner reported in {@link io.dbbranch.engine.spi.Labels} of our branches
 * @param http             HTTP timeouts and retries
 * @param operationTimeout the longest wait for a long-running operation (default 5 min)
 * @param pollInterval     the first pause between polls of an operation or of readiness (default 1 s; it grows
 *                         to 5 s)
 * @param clockSkew        how far the service's clock may be behind ours when judging whether a branch found after
 *                         a failed create is the one we made (default 30 s)
 * @param historyRetention how far back branches from the past may reach when the project does not say (its
 *                         {@code history_retention_duration}, read first); default 35 days, the longest Lakebase
 *                         allows, so that only points no project can reach are refused before the service is asked
 */
public record LakebaseConfig(URI workspaceUrl, String project, String parentBranch, String clientId, Secret clientSecret,
                             Secret personalAccessToken, String postgresUser, String database, int port, String sslMode,
                             String namePrefix, String owner, HttpSettings http, Duration operationTimeout,
                             Duration pollInterval, Duration clockSkew, Duration historyRetention) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public LakebaseConfig {
        Objects.requireNonNull(workspaceUrl, "workspaceUrl");
        Objects.requireNonNull(http, "http");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether authentication is a service principal (OAuth M2M) rather than a personal access token. */
    public boolean usesServicePrincipal() {
        return clientId != null;
    }

    /** The Postgres role that logs in with minted credentials. */
    public String postgresRole() {
        return postgresUser != null ? postgresUser : clientId;
    }

    /** The database to connect to on {@code branchId}. */
    public String databaseFor(String branchId) {
        return database.replace("{branch}", branchId);
    }

    /** A builder of {@link LakebaseConfig}. */
    public static final class Builder {
        private String workspaceUrl;
        private String project;
        private String parentBranch = "main";
        private String clientId;
        private Secret clientSecret;
        private Secret personalAccessToken;
        private String postgresUser;
        private String database = "databricks_postgres";
        private int port = 5432;
        private String sslMode = "require";
        private String namePrefix = "ci-";
        private String owner = "dbbranch";
        private HttpSettings http = HttpSettings.defaults();
        private Duration operationTimeout = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration clockSkew = Duration.ofSeconds(30);
        private Duration historyRetention = Duration.ofDays(35);

        private Builder() {
        }

        /** Required: {@code https://<workspace host>} ({@code http} only for a loopback emulator). */
        public Builder workspaceUrl(String url) {
            this.workspaceUrl = url;
            return this;
        }

        /** Required: the Lakebase project id. */
        public Builder project(String id) {
            this.project = id;
            return this;
        }

        /** Default {@code main}. */
        public Builder parentBranch(String branch) {
            this.parentBranch = branch;
            return this;
        }

        /** Signs in as a service principal with OAuth M2M; the Postgres user defaults to the client id. */
        public Builder servicePrincipal(String id, Secret secret) {
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        /** Signs in with a personal access token; {@code user} is the Postgres role (the user's e-mail). */
        public Builder personalAccessToken(Secret token, String user) {
            this.personalAccessToken = token;
            this.postgresUser = user;
            return this;
        }

        /** Overrides the Postgres role (default: the client id, or the token's user). */
        public Builder postgresUser(String user) {
            this.postgresUser = user;
            return this;
        }

        /** Default {@code databricks_postgres}; {@code {branch}} is replaced by the branch id. */
        public Builder database(String name) {
            this.database = name;
            return this;
        }

        /** Default 5432. */
        public Builder port(int postgresPort) {
            this.port = postgresPort;
            return this;
        }

        /** Default {@code require}. */
        public Builder sslMode(String mode) {
            this.sslMode = mode;
            return this;
        }

        /** Default {@code ci-}: only branches named so are treated (adopted, reported with labels) as ours. */
        public Builder namePrefix(String prefix) {
            this.namePrefix = prefix;
            return this;
        }

        /** Default {@code dbbranch}. */
        public Builder owner(String name) {
            this.owner = name;
            return this;
        }

        /** Default {@link HttpSettings#defaults()}. */
        public Builder http(HttpSettings settings) {
            this.http = settings;
            return this;
        }

        /** Default 5 minutes. */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        /** Default 1 second. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** Default 30 seconds. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        /** Default 35 days; used only when the project does not report its {@code history_retention_duration}. */
        public Builder historyRetention(Duration retention) {
            this.historyRetention = retention;
            return this;
        }

        /** Checks the settings and makes the configuration. */
        public LakebaseConfig build() {
            URI url = workspace(workspaceUrl);
            require(project != null && ID.matcher(project).matches(), "Lakebase project id '" + project + "'",
                    "Use the project id shown by 'databricks postgres list-projects' (lowercase letters, digits, '-')");
            require(parentBranch != null && ID.matcher(parentBranch).matches(), "parent branch '" + parentBranch + "'",
                    "Use a branch id such as 'main' or 'production'");
            boolean principal = clientId != null || clientSecret != null;
            require(principal != (personalAccessToken != null), "authentication",
                    "Configure either a service principal (client id and secret) or a personal access token, not both");
            require(!principal || (clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isEmpty()),
                    "service principal", "Give both the client id and the client secret");
            require(principal || (postgresUser != null && !postgresUser.isBlank()), "Postgres user",
                    "With a personal access token, give the Postgres user (your Databricks user name, an e-mail)");
            require(namePrefix != null && PREFIX.matcher(namePrefix).matches(), "name prefix '" + namePrefix + "'",
                    "Use lowercase letters, digits and '-', starting with a letter, e.g. 'ci-'");
            require(port > 0 && port <= 65535, "Postgres port " + port, "Use a port between 1 and 65535");
            require(database != null && !database.isBlank(), "database", "Give a database name");
            require(sslMode != null && !sslMode.isBlank(), "sslmode", "Use 'require' (or 'disable' for the emulator)");
            return new LakebaseConfig(url, project, parentBranch, principal ? clientId : null, principal ? clientSecret : null,
                    personalAccessToken, postgresUser, database, port, sslMode, namePrefix, owner, http,
                    Objects.requireNonNull(operationTimeout), Objects.requireNonNull(pollInterval),
                    Objects.requireNonNull(clockSkew), PositiveDuration.require(historyRetention, "historyRetention"));
        }

        private static URI workspace(String text) {
            String asked = "Use Databricks workspace URL '" + text + "'";
            if (text == null || text.isBlank()) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use a Databricks workspace URL", "none was given",
                        "Give the workspace URL, e.g. https://dbc-1234abcd-5678.cloud.databricks.com");
            }
            try {
                URI url = new URI(text.trim().replaceAll("/+$", ""));
                boolean https = "https".equals(url.getScheme());
                boolean localHttp = "http".equals(url.getScheme()) && isLoopback(url.getHost());
                if (url.getHost() == null || !(https || localHttp) || (url.getPath() != null && !url.getPath().isEmpty())) {
                    throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                            "it must be https://<workspace host> with no path (plain http only for a local emulator)",
                            "Copy the URL from the browser's address bar up to the host name, "
                                    + "e.g. https://dbc-1234abcd-5678.cloud.databricks.com");
                }
                return url;
            } catch (URISyntaxException e) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "it is not a valid URL (" + e.getMessage() + ")",
                        "Write it as https://<workspace host>", e);
            }
        }

        /** Without a DNS look-up: the literal loopback names only. */
        private static boolean isLoopback(String host) {
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        }

        private static void require(boolean condition, String what, String remedy) {
            if (!condition) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Configure Lakebase", what + " is missing or invalid",
                        remedy);
            }
        }
    }
}
