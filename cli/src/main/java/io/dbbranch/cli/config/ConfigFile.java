package io.dbbranch.cli.config;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The optional {@code config.properties} (by default in the dbbranch home, {@code ~/.dbbranch}): keys such as
 * {@code provider=postgres} and {@code postgres.password=…}. A file holding secrets that others can read is used
 * but warned about, as ssh does for keys.
 *
 * @param path       where it was read from, {@code null} when there is none
 * @param properties its keys and values
 */
public record ConfigFile(Path path, Properties properties) {

    /** No file. */
    public static ConfigFile none() {
        return new ConfigFile(null, new Properties());
    }

    /**
     * Reads {@code path}. A file the user named must exist; the default one may be absent.
     *
     * @param named whether the user named it (with {@code --config} or {@code DBBRANCH_CONFIG})
     * @param warn  receives the permission warning, if any
     */
    public static ConfigFile read(Path path, boolean named, Consumer<String> warn) {
        if (!Files.isRegularFile(path)) {
            if (named) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Read the config file " + path,
                        "there is no such file", "Check the path given with --config or DBBRANCH_CONFIG");
            }
            return none();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Read the config file " + path, e.getMessage(),
                    "Write it as Java properties: one key=value per line", e);
        }
        ConfigFile file = new ConfigFile(path, properties);
        if (file.holdsSecrets() && readableByOthers(path)) {
            warn.accept("the config file " + path + " holds secrets and others may read it; run: chmod 600 " + path);
        }
        file.warnAboutUnknownKeys(warn);
        return file;
    }

    /**
     * A mistyped key would otherwise be ignored silently. Only the key is named, never its value (it may be a secret);
     * a line without a value is not shown at all, since it may be a value that lost its key.
     */
    private void warnAboutUnknownKeys(Consumer<String> warn) {
        properties.stringPropertyNames().stream().sorted().filter(key -> ConfigKey.ofFileKey(key).isEmpty()).forEach(key -> {
            if (properties.getProperty(key).isEmpty()) {
                warn.accept("the config file " + path + " has a line without '=' (not shown: it may be a secret), which is ignored");
            } else {
                warn.accept("the config file " + path + " has an unknown key '" + key + "', which is ignored"
                        + ConfigKey.closestTo(key).map(known -> "; did you mean '" + known.fileKey() + "'?").orElse(""));
            }
        });
    }

    public Optional<String> get(ConfigKey key) {
        return Optional.ofNullable(properties.getProperty(key.fileKey())).map(String::trim).filter(v -> !v.isEmpty());
    }

    private boolean holdsSecrets() {
        return Arrays.stream(ConfigKey.values()).anyMatch(key -> key.isSecret() && get(key).isPresent());
    }

    private static boolean readableByOthers(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
