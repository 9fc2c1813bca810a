package io.dbbranch.engine.local;

import io.dbbranch.engine.host.HostUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that holds everything of the local provider: {@code cluster/} (the server), and whatever the
 * point-in-time machinery keeps beside it. Defaults to {@code ~/.dbbranch}, and for root to
 * {@value #ROOT_DEFAULT} (root's home is closed to the unprivileged user the server then runs as, see
 * {@link ServerAccount}); {@value #HOME_ENV} overrides it.
 */
public record LocalHome(Path path) {
    /** The environment variable that moves the home. */
    public static final String HOME_ENV = "DBBRANCH_HOME";
    /** Root's default home. */
    public static final String ROOT_DEFAULT = "/var/lib/dbbranch";

    public LocalHome {
        path = path.toAbsolutePath().normalize();
    }

    /** The home named by {@value #HOME_ENV} in {@code environment}, else the default for this user. */
    public static LocalHome fromEnvironment(Map<String, String> environment) {
        String override = environment.get(HOME_ENV);
        if (override != null && !override.isBlank()) {
            return new LocalHome(Path.of(override));
        }
        return new LocalHome(HostUser.isRoot() ? Path.of(ROOT_DEFAULT) : Path.of(System.getProperty("user.home"), ".dbbranch"));
    }

    /**
     * A new, empty home in the temporary folder, for tests and benchmarks, that the server's user can enter (see
     * {@link ServerAccount#letEnter}).
     */
    public static LocalHome temporary(String prefix) {
        try {
            return new LocalHome(ServerAccount.current().letEnter(Files.createTempDirectory(prefix)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path clusterDirectory() {
        return path.resolve("cluster");
    }

    /** The cluster's history: WAL archive, base backups, and the recovery branches' clusters. */
    public Path historyDirectory() {
        return path.resolve("history");
    }
}
