package io.jenkins.plugins.dbbranch.config;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.credentials.ProviderSecret;
import java.io.IOException;

/**
 * Where the engine's platform providers are made from a connection and its secret: the Lakebase provider
 * ({@code io.dbbranch.engine.lakebase}) and, SEAM(neon), the Neon one ({@code io.dbbranch.engine.neon}). Until the
 * Neon package is part of the engine this plugin is built with, opening a Neon connection fails with a message that
 * says so; its configuration, credentials and steps are complete.
 */
final class ProviderSeams {
    private ProviderSeams() {
    }

    static BranchProvider lakebase(LakebaseConnection connection, ProviderSecret secret, String owner) throws IOException {
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
        try {
            return new LakebaseProvider(config.build());
        } catch (DbBranchException e) {
            throw new IOException("Connection '" + connection.getName() + "': " + e.getMessage(), e);
        }
    }

    static BranchProvider neon(NeonConnection connection, ProviderSecret apiKey, String owner) {
        throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Open the Neon connection '" + connection.getName() + "'",
                "this build of the plugin does not include the Neon provider (io.dbbranch.engine.neon)",
                "Use a release that includes it, or a Lakebase, PostgreSQL or local connection meanwhile");
    }
}
