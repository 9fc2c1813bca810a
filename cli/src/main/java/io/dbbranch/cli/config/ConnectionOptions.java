package io.dbbranch.cli.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that choose and reach a provider. Each has an environment variable and a config-file key too
 * ({@link ConfigKey}); secrets have neither flag nor default.
 */
public final class ConnectionOptions {
    @Option(names = "--provider", paramLabel = "KIND",
            description = "local (default), postgres, lakebase or neon. Env: DBBRANCH_PROVIDER.")
    String provider;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: $DBBRANCH_HOME/config.properties, i.e. ~/.dbbranch/config.properties). "
                    + "Env: DBBRANCH_CONFIG.")
    Path config;

    @Option(names = "--owner", paramLabel = "WHO",
            description = "Owner recorded in branch labels; reap deletes only its own (default cli@<host>). Env: DBBRANCH_OWNER.")
    String owner;

    @Option(names = "--pg-version", paramLabel = "MAJOR",
            description = "local: PostgreSQL 17 (default) or 18 for a new cluster; match production's. Env: DBBRANCH_PG_VERSION.")
    String pgVersion;

    @Option(names = "--postgres-url", paramLabel = "JDBC_URL",
            description = "postgres: admin JDBC URL, e.g. jdbc:postgresql://db:5432/postgres. Env: DBBRANCH_POSTGRES_URL.")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER",
            description = "postgres: admin role (default postgres); its password only from DBBRANCH_POSTGRES_PASSWORD or the config file.")
    String postgresUser;

    @Option(names = "--lakebase-workspace", paramLabel = "URL", description = "lakebase: workspace URL. Env: DBBRANCH_LAKEBASE_WORKSPACE.")
    String lakebaseWorkspace;

    @Option(names = "--lakebase-project", paramLabel = "ID", description = "lakebase: project id. Env: DBBRANCH_LAKEBASE_PROJECT.")
    String lakebaseProject;

    @Option(names = "--lakebase-client-id", paramLabel = "ID",
            description = "lakebase: service principal client id; its secret only from DBBRANCH_LAKEBASE_CLIENT_SECRET or the config file "
                    + "(or instead a personal access token: DBBRANCH_LAKEBASE_TOKEN and --lakebase-user).")
    String lakebaseClientId;

    @Option(names = "--lakebase-user", paramLabel = "USER",
            description = "lakebase: Postgres user with a personal access token (DBBRANCH_LAKEBASE_TOKEN), e.g. your e-mail.")
    String lakebaseUser;

    @Option(names = "--neon-project", paramLabel = "ID",
            description = "neon: project id; the API key only from DBBRANCH_NEON_API_KEY or the config file.")
    String neonProject;

    @Option(names = "--neon-api-url", paramLabel = "URL", description = "neon: API base URL (default the public API). Env: DBBRANCH_NEON_API_URL.")
    String neonApiUrl;

    /** The config file named on the command line, or {@code null}. */
    public Path config() {
        return config;
    }

    /** The settings given as flags. */
    public Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        put(flags, ConfigKey.PROVIDER, provider);
        put(flags, ConfigKey.OWNER, owner);
        put(flags, ConfigKey.PG_VERSION, pgVersion);
        put(flags, ConfigKey.POSTGRES_URL, postgresUrl);
        put(flags, ConfigKey.POSTGRES_USER, postgresUser);
        put(flags, ConfigKey.LAKEBASE_WORKSPACE, lakebaseWorkspace);
        put(flags, ConfigKey.LAKEBASE_PROJECT, lakebaseProject);
        put(flags, ConfigKey.LAKEBASE_CLIENT_ID, lakebaseClientId);
        put(flags, ConfigKey.LAKEBASE_USER, lakebaseUser);
        put(flags, ConfigKey.NEON_PROJECT, neonProject);
        put(flags, ConfigKey.NEON_API_URL, neonApiUrl);
        return flags;
    }

    private static void put(Map<ConfigKey, String> flags, ConfigKey key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
