package io.dbbranch.cli.options;

import io.dbbranch.cli.CliContext;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.migration.MigrationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to run Flyway: where the migrations are and the few options a command line needs. */
public final class MigrationFlags {
    @Option(names = "--locations", required = true, split = ",", paramLabel = "DIR",
            description = "Folders of Flyway migrations (V1__init.sql, …), comma-separated; classpath:… and filesystem:… work too.")
    List<String> locations;

    @Option(names = "--target", paramLabel = "VERSION", description = "Migrate up to this version (default: the latest).")
    String target;

    @Option(names = "--baseline-on-migrate",
            description = "Baseline a schema that has tables but no Flyway history yet (at --baseline-version).")
    boolean baselineOnMigrate;

    @Option(names = "--baseline-version", paramLabel = "VERSION", description = "The version a baseline stands for (default 1).")
    String baselineVersion;

    @Option(names = "--out-of-order", description = "Also apply pending migrations older than the latest applied one.")
    boolean outOfOrder;

    @Option(names = "--schemas", split = ",", paramLabel = "SCHEMA", description = "Schemas Flyway manages (default: the connection's).")
    List<String> schemas;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A ${NAME} placeholder for the scripts; repeatable.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    /** The options, with folders resolved against the working folder. */
    public MigrationOptions toOptions(CliContext context) {
        return build(locations, "--locations", context).target(target).baselineOnMigrate(baselineOnMigrate)
                .baselineVersion(baselineVersion).outOfOrder(outOfOrder)
                .schemas(schemas == null ? new String[0] : schemas.toArray(String[]::new))
                .placeholders(placeholders).build();
    }

    /**
     * Default options for {@code locations}: folders resolved against the working folder, each of which must exist (so
     * that a mistyped folder fails before a branch is made for it, not after).
     *
     * @param option the option that named them, for the message
     */
    public static MigrationOptions.Builder build(List<String> locations, String option, CliContext context) {
        MigrationOptions.Builder builder = MigrationOptions.builder();
        for (String location : locations) {
            if (location.startsWith("classpath:")) {
                builder.location(location);
                continue;
            }
            Path folder = context.resolve(Path.of(location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location));
            if (!Files.isDirectory(folder)) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Migrate from " + option + " " + location,
                        "there is no folder " + folder, "Name a folder of migrations (a relative one is read from "
                                + context.workingDirectory() + "), or classpath:…");
            }
            builder.location(folder);
        }
        return builder;
    }
}
