package io.dbbranch.engine.lease;

import io.dbbranch.engine.host.PrivateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a lease writes its password file ({@code PGPASSFILE}) unless told otherwise: a folder of this user's that no
 * one else may enter, never a shared one like {@code /tmp/dbbranch-secrets}, which any local user could create
 * first. {@code $XDG_RUNTIME_DIR/dbbranch} when that runtime folder exists (memory-backed, removed at logout), else
 * {@code ~/.dbbranch/secrets}. Created {@code 0700} on first use; refused if it is a link, another user's, or open to
 * others (see {@link PrivateDirectory}).
 */
final class SecretsFolder {
    private SecretsFolder() {
    }

    /** The folder for this user, created and checked. */
    static Path forThisUser() {
        return PrivateDirectory.require(location(System.getenv(), Path.of(System.getProperty("user.home"))),
                "Keep the branch's connection password");
    }

    static Path location(Map<String, String> environment, Path userHome) {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "dbbranch");
        }
        return userHome.resolve(".dbbranch").resolve("secrets");
    }
}
