package io.dbbranch.cli.config;

import io.dbbranch.cli.CliContext;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.PgMajor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CLI's settings, each from the first place that has it: a flag, then the environment, then the config file.
 * Secrets come from the environment or the file only.
 */
public final class Settings {
    /** Names the config file, like {@code --config}. */
    public static final String CONFIG_ENV = "DBBRANCH_CONFIG";
    /** The default provider. */
    public static final String DEFAULT_PROVIDER = "local";

    private final Map<ConfigKey, String> flags;
    private final Map<String, String> environment;
    private final ConfigFile file;
    private final LocalHome home;

    public Settings(Map<ConfigKey, String> flags, Map<String, String> environment, ConfigFile file) {
        this.flags = new EnumMap<>(ConfigKey.class);
        flags.forEach((key, value) -> {
            if (key.flag() == null) {
                throw new IllegalArgumentException(key + " has no flag");
            }
            if (value != null && !value.isBlank()) {
                this.flags.put(key, value.trim());
            }
        });
        this.environment = Map.copyOf(environment);
        this.file = file;
        this.home = LocalHome.fromEnvironment(environment);
    }

    /**
     * Settings from {@code flags}, the context's environment, and the config file named by {@code configFlag},
     * else by {@value #CONFIG_ENV}, else {@code <home>/config.properties} if it exists.
     */
    public static Settings load(Map<ConfigKey, String> flags, Path configFlag, CliContext context, Consumer<String> warn) {
        LocalHome home = LocalHome.fromEnvironment(context.environment());
        String fromEnvironment = context.environment().get(CONFIG_ENV);
        ConfigFile file;
        if (configFlag != null) {
            file = ConfigFile.read(context.resolve(configFlag), true, warn);
        } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            file = ConfigFile.read(context.resolve(Path.of(fromEnvironment)), true, warn);
        } else {
            file = ConfigFile.read(home.path().resolve("config.properties"), false, warn);
        }
        return new Settings(flags, context.environment(), file);
    }

    /** The value of a plain setting. */
    public Optional<String> value(ConfigKey key) {
        if (key.isSecret()) {
            throw new IllegalArgumentException(key + " is a secret: read it with secret()");
        }
        return Optional.ofNullable(flags.get(key)).or(() -> fromEnvironment(key)).or(() -> file.get(key));
    }

    /** The value of a secret setting, from the environment or the config file. */
    public Optional<Secret> secret(ConfigKey key) {
        if (!key.isSecret()) {
            throw new IllegalArgumentException(key + " is not a secret: read it with value()");
        }
        return fromEnvironment(key).or(() -> file.get(key)).map(Secret::of);
    }

    /** A whole-number setting such as a port; a value that is not one is refused, naming the setting. */
    public Optional<Integer> number(ConfigKey key) {
        return value(key).map(text -> {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use " + key.environmentVariable() + "=" + text,
                        "it is not a whole number", "Set it (" + key.places() + ") to a number such as 5432");
            }
        });
    }

    /** The provider's name, {@value #DEFAULT_PROVIDER} unless set. */
    public String provider() {
        return value(ConfigKey.PROVIDER).orElse(DEFAULT_PROVIDER);
    }

    /** Who we are in branch labels: the owner setting, else {@code cli@<host>}; the reaper deletes only its own. */
    public String owner() {
        return value(ConfigKey.OWNER).orElseGet(() -> "cli@" + hostName());
    }

    /**
     * The PostgreSQL major version asked of the local provider ({@code --pg-version}, {@code DBBRANCH_PG_VERSION},
     * {@code local.pgVersion}), or {@code null}: the existing cluster's, else 17 for a new one.
     */
    public PgMajor pgVersion() {
        return value(ConfigKey.PG_VERSION).map(PgMajor::of).orElse(null);
    }

    /** The local provider's home ({@code DBBRANCH_HOME}, default {@code ~/.dbbranch}, for root {@code /var/lib/dbbranch}). */
    public LocalHome home() {
        return home;
    }

    /** The config file in use, if any. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(file.path());
    }

    private Optional<String> fromEnvironment(ConfigKey key) {
        return Optional.ofNullable(environment.get(key.environmentVariable())).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
