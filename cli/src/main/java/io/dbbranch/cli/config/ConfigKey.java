package io.dbbranch.cli.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * One setting of the CLI and the three places it can come from: a command-line flag, an environment variable and
 * a key of the config file. A secret has no flag: command lines end up in shell histories and process lists.
 * Advanced settings (ports and database names that only emulators and tunnels change) have none either, to keep
 * {@code --help} short.
 */
public enum ConfigKey {
    PROVIDER("--provider", "DBBRANCH_PROVIDER", "provider"),
    OWNER("--owner", "DBBRANCH_OWNER", "owner"),
    POSTGRES_URL("--postgres-url", "DBBRANCH_POSTGRES_URL", "postgres.url"),
    POSTGRES_USER("--postgres-user", "DBBRANCH_POSTGRES_USER", "postgres.user"),
    POSTGRES_PASSWORD(Kind.SECRET, "DBBRANCH_POSTGRES_PASSWORD", "postgres.password"),
    LAKEBASE_WORKSPACE("--lakebase-workspace", "DBBRANCH_LAKEBASE_WORKSPACE", "lakebase.workspace"),
    LAKEBASE_PROJECT("--lakebase-project", "DBBRANCH_LAKEBASE_PROJECT", "lakebase.project"),
    LAKEBASE_CLIENT_ID("--lakebase-client-id", "DBBRANCH_LAKEBASE_CLIENT_ID", "lakebase.clientId"),
    LAKEBASE_CLIENT_SECRET(Kind.SECRET, "DBBRANCH_LAKEBASE_CLIENT_SECRET", "lakebase.clientSecret"),
    LAKEBASE_TOKEN(Kind.SECRET, "DBBRANCH_LAKEBASE_TOKEN", "lakebase.token"),
    LAKEBASE_USER("--lakebase-user", "DBBRANCH_LAKEBASE_USER", "lakebase.user"),
    LAKEBASE_NAME_PREFIX(Kind.ADVANCED, "DBBRANCH_LAKEBASE_NAME_PREFIX", "lakebase.namePrefix"),
    LAKEBASE_DATABASE(Kind.ADVANCED, "DBBRANCH_LAKEBASE_DATABASE", "lakebase.database"),
    LAKEBASE_PORT(Kind.ADVANCED, "DBBRANCH_LAKEBASE_PORT", "lakebase.port"),
    LAKEBASE_SSLMODE(Kind.ADVANCED, "DBBRANCH_LAKEBASE_SSLMODE", "lakebase.sslMode"),
    NEON_PROJECT("--neon-project", "DBBRANCH_NEON_PROJECT", "neon.project"),
    NEON_API_URL("--neon-api-url", "DBBRANCH_NEON_API_URL", "neon.apiUrl"),
    NEON_API_KEY(Kind.SECRET, "DBBRANCH_NEON_API_KEY", "neon.apiKey"),
    NEON_DATABASE(Kind.ADVANCED, "DBBRANCH_NEON_DATABASE", "neon.database"),
    NEON_PORT(Kind.ADVANCED, "DBBRANCH_NEON_PORT", "neon.port"),
    NEON_SSLMODE(Kind.ADVANCED, "DBBRANCH_NEON_SSLMODE", "neon.sslMode"),
    /** At most this many live branches of this owner on the connection; its flag is on {@code run} and {@code create}. */
    MAX_BRANCHES("--max-branches", "DBBRANCH_MAX_BRANCHES", "maxBranches");

    /** Settings without a flag: secrets, and connection details only emulators and tunnels change. */
    private enum Kind { SECRET, ADVANCED }

    private final String flag;
    private final String environmentVariable;
    private final String fileKey;
    private final boolean secret;

    ConfigKey(String flag, String environmentVariable, String fileKey) {
        this.flag = flag;
        this.environmentVariable = environmentVariable;
        this.fileKey = fileKey;
        this.secret = false;
    }

    ConfigKey(Kind kind, String environmentVariable, String fileKey) {
        this.flag = null;
        this.environmentVariable = environmentVariable;
        this.fileKey = fileKey;
        this.secret = kind == Kind.SECRET;
    }

    /** The command-line flag, or {@code null} for a secret or an advanced setting. */
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
        return secret;
    }

    /** The setting whose config-file key is exactly {@code fileKey}. */
    public static Optional<ConfigKey> ofFileKey(String fileKey) {
        return Arrays.stream(values()).filter(key -> key.fileKey.equals(fileKey)).findFirst();
    }

    /**
     * The setting an unknown config-file key most likely meant: the same but for case, an environment variable name
     * ({@code DBBRANCH_POSTGRES_URL}), or at most two letters off ({@code postgres.pasword}); empty when none is obvious.
     */
    public static Optional<ConfigKey> closestTo(String unknown) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(key -> key.fileKey.equalsIgnoreCase(unknown) || key.environmentVariable.equalsIgnoreCase(unknown)
                        || EditDistance.between(key.fileKey.toLowerCase(Locale.ROOT), lower) <= 2)
                .min(Comparator.comparingInt(key -> EditDistance.between(key.fileKey.toLowerCase(Locale.ROOT), lower)));
    }

    /** Where a user can set it, for error messages: {@code --postgres-url, DBBRANCH_POSTGRES_URL or postgres.url}. */
    public String places() {
        return (flag == null ? "" : flag + ", ") + environmentVariable + " or " + fileKey + " in the config file";
    }
}
