package io.jenkins.plugins.dbbranch.config;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.credentials.ProviderSecret;

/**
 * SEAM(lakebase, neon): where the Lakebase and Neon providers of the engine ({@code io.dbbranch.engine.lakebase},
 * {@code io.dbbranch.engine.neon}) are constructed from a connection and its secret. Until those packages are part
 * of the engine this plugin is built with, opening such a connection fails with a message that says so; the
 * configuration, credentials and steps around them are complete.
 */
final class ProviderSeams {
    private ProviderSeams() {
    }

    static BranchProvider lakebase(LakebaseConnection connection, ProviderSecret secret, String owner) {
        throw notInThisBuild("Lakebase", connection.getName(), "io.dbbranch.engine.lakebase");
    }

    static BranchProvider neon(NeonConnection connection, ProviderSecret apiKey, String owner) {
        throw notInThisBuild("Neon", connection.getName(), "io.dbbranch.engine.neon");
    }

    private static DbBranchException notInThisBuild(String platform, String connection, String enginePackage) {
        return DbBranchException.of(ErrorCode.ENVIRONMENT, "Open the " + platform + " connection '" + connection + "'",
                "this build of the plugin does not include the " + platform + " provider (" + enginePackage + ")",
                "Use a release that includes it, or a PostgreSQL or local connection meanwhile");
    }
}
