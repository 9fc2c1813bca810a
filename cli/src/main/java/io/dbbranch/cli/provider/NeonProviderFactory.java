package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.ConfigKey;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.net.URI;
import java.util.Optional;

/** Neon: a project and an API key; the API URL, database, port and sslmode only change for emulators and tunnels. */
final class NeonProviderFactory implements ProviderFactory {
    @Override
    public String kind() {
        return "neon";
    }

    @Override
    public BranchProvider open(Settings settings, Progress progress) {
        RequiredSettings required = new RequiredSettings(settings, kind());
        String project = required.value(ConfigKey.NEON_PROJECT);
        var apiKey = required.secret(ConfigKey.NEON_API_KEY);
        required.check();
        NeonConfig config = NeonConfig.of(project, apiKey, settings.owner());
        Optional<String> apiUrl = settings.value(ConfigKey.NEON_API_URL);
        if (apiUrl.isPresent()) {
            config = config.withApiUrl(uri(apiUrl.get()));
        }
        Optional<String> database = settings.value(ConfigKey.NEON_DATABASE);
        if (database.isPresent()) {
            config = config.withDatabaseName(database.get());
        }
        Optional<Integer> port = settings.number(ConfigKey.NEON_PORT);
        Optional<String> sslMode = settings.value(ConfigKey.NEON_SSLMODE);
        if (port.isPresent() || sslMode.isPresent()) {
            config = config.withConnection(port.orElse(config.port()), sslMode.orElse(config.sslMode()));
        }
        return new NeonProvider(config);
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use the Neon API at '" + text + "'", "it is not a URL ("
                    + e.getMessage() + ")", "Write it as " + NeonConfig.DEFAULT_API_URL + " (the default)", e);
        }
    }
}
