package io.dbbranch.engine.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that holds everything of the local provider: {@code cluster/} (the server), and whatever the
 * point-in-time machinery keeps beside it. Defaults to {@code ~/.dbbranch}; {@value #HOME_ENV} overrides it.
 */
public record LocalHome(Path path) {
    /** The environment variable that moves the home. */
    public static final String HOME_ENV = "DBBRANCH_HOME";

    public LocalHome {
        path = path.toAbsolutePath().normalize();
    }

    /** The home named by {@value #HOME_ENV} in {@code environment}, else {@code ~/.dbbranch}. */
    public static LocalHome fromEnvironment(Map<String, String> environment) {
        String override = environment.get(HOME_ENV);
        if (override != null && !override.isBlank()) {
            return new LocalHome(Path.of(override));
        }
        return new LocalHome(Path.of(System.getProperty("user.home"), ".dbbranch"));
    }

    public Path clusterDirectory() {
        return path.resolve("cluster");
    }
}
