package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.ConfigKey;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the settings a provider needs and, instead of failing at the first gap, collects every missing one so the
 * user fixes them all in one go.
 */
final class RequiredSettings {
    private final Settings settings;
    private final String kind;
    private final List<ConfigKey> missing = new ArrayList<>();

    RequiredSettings(Settings settings, String kind) {
        this.settings = settings;
        this.kind = kind;
    }

    /** The value, or {@code null} (and noted as missing). */
    String value(ConfigKey key) {
        return settings.value(key).orElseGet(() -> missing(key));
    }

    /** The secret, or {@code null} (and noted as missing). */
    Secret secret(ConfigKey key) {
        return settings.secret(key).orElseGet(() -> missing(key));
    }

    /** Throws naming every missing setting, if any. */
    void check() {
        if (missing.isEmpty()) {
            return;
        }
        List<String> names = missing.stream().map(ConfigKey::environmentVariable).toList();
        List<String> places = missing.stream().map(key -> key.environmentVariable() + ": " + key.places()).toList();
        boolean secrets = missing.stream().anyMatch(ConfigKey::isSecret);
        throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Connect to the " + kind + " provider",
                String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " not set",
                "Set " + String.join("; ", places) + (secrets ? " (secrets are never read from flags)" : "")
                        + settings.configFile().map(file -> "; config file in use: " + file).orElse(""));
    }

    private <T> T missing(ConfigKey key) {
        missing.add(key);
        return null;
    }
}
