package io.dbbranch.bench.targets;

import io.dbbranch.engine.spi.BranchProvider;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The soak's targets by name, in this JVM and in a child JVM. */
public final class Targets {
    /** Every target, in the order the soak runs them. */
    public static final List<String> ALL = List.of("lakebase", "neon", "local");

    private Targets() {
    }

    /** Starts the target named {@code name} with its folders under {@code work}. */
    public static Target start(String name, Path work) throws SQLException {
        return switch (name) {
            case "lakebase" -> LakebaseTarget.start(work);
            case "neon" -> NeonTarget.start(work);
            case "local" -> LocalTarget.start(work);
            default -> throw new IllegalArgumentException("unknown soak target '" + name + "'; known: " + ALL);
        };
    }

    /** Builds, in a child JVM, the provider a target described with {@link Target#childArguments}. */
    public static BranchProvider connect(String name, Map<String, String> options) {
        return switch (name) {
            case "lakebase" -> LakebaseTarget.connect(options);
            case "neon" -> NeonTarget.connect(options);
            case "local" -> LocalTarget.connect(options);
            default -> throw new IllegalArgumentException("unknown soak target '" + name + "'; known: " + ALL);
        };
    }
}
