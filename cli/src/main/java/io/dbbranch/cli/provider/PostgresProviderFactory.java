package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.ConfigKey;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;

/** Any PostgreSQL server we administer: an admin JDBC URL, user and password. */
final class PostgresProviderFactory implements ProviderFactory {
    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public BranchProvider open(Settings settings, Progress progress) {
        RequiredSettings required = new RequiredSettings(settings, kind());
        String url = required.value(ConfigKey.POSTGRES_URL);
        Secret password = required.secret(ConfigKey.POSTGRES_PASSWORD);
        required.check();
        String user = settings.value(ConfigKey.POSTGRES_USER).orElse("postgres");
        return new PostgresProvider(PostgresConfig.fromJdbcUrl(url, user, password, settings.owner()));
    }
}
