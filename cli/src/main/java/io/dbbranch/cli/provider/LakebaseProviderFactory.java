package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.ConfigKey;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.util.Optional;

/**
 * Databricks Lakebase: a workspace, a project, and either a service principal (client id and secret, OAuth M2M) or
 * a personal access token with its Postgres user. Branches count as ours by their name prefix ({@code ci-} unless
 * {@code DBBRANCH_LAKEBASE_NAME_PREFIX} says otherwise), as Lakebase keeps no labels.
 */
final class LakebaseProviderFactory implements ProviderFactory {
    @Override
    public String kind() {
        return "lakebase";
    }

    @Override
    public BranchProvider open(Settings settings, Progress progress) {
        RequiredSettings required = new RequiredSettings(settings, kind());
        LakebaseConfig.Builder builder = LakebaseConfig.builder()
                .workspaceUrl(required.value(ConfigKey.LAKEBASE_WORKSPACE))
                .project(required.value(ConfigKey.LAKEBASE_PROJECT))
                .owner(settings.owner());
        Optional<Secret> token = settings.secret(ConfigKey.LAKEBASE_TOKEN);
        Optional<String> clientId = settings.value(ConfigKey.LAKEBASE_CLIENT_ID);
        if (token.isPresent()) {
            builder.personalAccessToken(token.get(), required.value(ConfigKey.LAKEBASE_USER));
        }
        if (token.isEmpty() || clientId.isPresent()) {
            // With both, LakebaseConfig refuses the ambiguity and says so.
            builder.servicePrincipal(required.value(ConfigKey.LAKEBASE_CLIENT_ID), required.secret(ConfigKey.LAKEBASE_CLIENT_SECRET));
        }
        required.check();
        settings.value(ConfigKey.LAKEBASE_USER).ifPresent(builder::postgresUser);
        settings.value(ConfigKey.LAKEBASE_NAME_PREFIX).ifPresent(builder::namePrefix);
        settings.value(ConfigKey.LAKEBASE_DATABASE).ifPresent(builder::database);
        settings.number(ConfigKey.LAKEBASE_PORT).ifPresent(builder::port);
        settings.value(ConfigKey.LAKEBASE_SSLMODE).ifPresent(builder::sslMode);
        return new LakebaseProvider(builder.build());
    }
}
