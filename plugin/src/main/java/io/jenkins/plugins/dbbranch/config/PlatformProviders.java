package io.jenkins.plugins.dbbranch.config;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.credentials.ProviderSecret;
import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/** Where the engine's platform providers are made from a connection and its secret. */
final class PlatformProviders {
    private PlatformProviders() {
    }

    static BranchProvider lakebase(LakebaseConnection connection, ProviderSecret secret, String owner) throws IOException {
        return open(connection, () -> {
            LakebaseConfig.Builder config = LakebaseConfig.builder().workspaceUrl(connection.getWorkspaceUrl())
                    .project(connection.getProject()).owner(owner);
            if (secret.isClient()) {
                config.servicePrincipal(secret.clientId(), secret.secret());
            } else {
                config.personalAccessToken(secret.secret(), connection.getPostgresRole());
            }
            if (connection.getParentBranch() != null) {
                config.parentBranch(connection.getParentBranch());
            }
            if (connection.getPostgresRole() != null) {
                config.postgresUser(connection.getPostgresRole());
            }
            if (connection.getDatabase() != null) {
                config.database(connection.getDatabase());
            }
            if (connection.getPort() != null) {
                config.port(connection.getPort());
            }
            if (connection.getSslMode() != null) {
                config.sslMode(connection.getSslMode());
            }
            return new LakebaseProvider(config.build());
        });
    }

    static BranchProvider neon(NeonConnection connection, ProviderSecret apiKey, String owner) throws IOException {
        return open(connection, () -> {
            NeonConfig config = NeonConfig.of(connection.getProjectId(), apiKey.secret(), owner);
            if (connection.getApiUrl() != null) {
                config = config.withApiUrl(URI.create(connection.getApiUrl()));
            }
            if (connection.getDatabase() != null) {
                config = config.withDatabaseName(connection.getDatabase());
            }
            if (connection.getPort() != null || connection.getSslMode() != null) {
                config = config.withConnection(connection.getPort() != null ? connection.getPort() : config.port(),
                        connection.getSslMode() != null ? connection.getSslMode() : config.sslMode());
            }
            return new NeonProvider(config);
        });
    }

    /** Turns a wrong setting (the engine says which and how to fix it) into an error that names the connection. */
    private static BranchProvider open(DbConnection connection, Supplier<BranchProvider> provider) throws IOException {
        try {
            return provider.get();
        } catch (DbBranchException | IllegalArgumentException e) {
            throw new IOException("Connection '" + connection.getName() + "': " + e.getMessage(), e);
        }
    }
}
