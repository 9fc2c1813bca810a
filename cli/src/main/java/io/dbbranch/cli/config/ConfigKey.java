package io.dbbranch.cli.config;

/**
 * One setting of the CLI and the three places it can come from: a command-line flag, an environment variable and
 * a key of the config file. A secret has no flag: command lines end up in shell histories and process lists.
 */
public enum ConfigKey {
    PROVIDER("--provider", "DBBRANCH_PROVIDER", "provider"),
    OWNER("--owner", "DBBRANCH_OWNER", "owner"),
    POSTGRES_URL("--postgres-url", "DBBRANCH_POSTGRES_URL", "postgres.url"),
    POSTGRES_USER("--postgres-user", "DBBRANCH_POSTGRES_USER", "postgres.user"),
    POSTGRES_PASSWORD(null, "DBBRANCH_POSTGRES_PASSWORD", "postgres.password"),
    LAKEBASE_WORKSPACE("--lakebase-workspace", "DBBRANCH_LAKEBASE_WORKSPACE", "lakebase.workspace"),
    LAKEBASE_PROJECT("--lakebase-project", "DBBRANCH_LAKEBASE_PROJECT", "lakebase.project"),
    LAKEBASE_CLIENT_ID("--lakebase-client-id", "DBBRANCH_LAKEBASE_CLIENT_ID", "lakebase.clientId"),
    LAKEBASE_CLIENT_SECRET(null, "DBBRANCH_LAKEBASE_CLIENT_SECRET", "lakebase.clientSecret"),
    LAKEBASE_TOKEN(null, "DBBRANCH_LAKEBASE_TOKEN", "lakebase.token"),
    NEON_PROJECT("--neon-project", "DBBRANCH_NEON_PROJECT", "neon.project"),
    NEON_API_URL("--neon-api-url", "DBBRANCH_NEON_API_URL", "neon.apiUrl"),
    NEON_API_KEY(null, "DBBRANCH_NEON_API_KEY", "neon.apiKey");

    private final String flag;
    private final String environmentVariable;
    private final String fileKey;

    ConfigKey(String flag, String environmentVariable, String fileKey) {
        this.flag = flag;
        this.environmentVariable = environmentVariable;
        this.fileKey = fileKey;
    }

    /** The command-line flag, or {@code null} for a secret. */
    public String flag() {
        return flag;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String fileKey() {
        return fileKey;
    }

    public boolean isSecret() {
        return flag == null;
    }

    /** Where a user can set it, for error messages: {@code --postgres-url, DBBRANCH_POSTGRES_URL or postgres.url}. */
    public String places() {
        return (isSecret() ? "" : flag + ", ") + environmentVariable + " or " + fileKey + " in the config file";
    }
}
