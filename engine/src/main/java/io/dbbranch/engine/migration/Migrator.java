package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * Runs Flyway in-process against one database (a branch, or a parent through {@link UpstreamMigration}) and reports
 * what it did. Each call opens and closes its own connections; the object holds no resources.
 */
public final class Migrator {
    private final MigrationTarget target;
    private final MigrationOptions options;
    private final ClassLoader classLoader;
    private final List<Callback> observers;

    /** A migrator that reads {@code classpath:} locations and Flyway's plugins through the engine's class loader. */
    public Migrator(MigrationTarget target, MigrationOptions options) {
        this(target, options, Migrator.class.getClassLoader());
    }

    /**
     * @param classLoader the loader that sees Flyway, {@code flyway-database-postgresql} (through its
     *                    {@code META-INF/services}) and any {@code classpath:} migrations
     */
    public Migrator(MigrationTarget target, MigrationOptions options, ClassLoader classLoader) {
        this(target, options, classLoader, List.of());
    }

    private Migrator(MigrationTarget target, MigrationOptions options, ClassLoader classLoader, List<Callback> observers) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.observers = List.copyOf(observers);
    }

    /**
     * The same migrator with {@code observer} called by Flyway around each migration and statement of
     * {@link #migrate()} (the migration review's observer). Without observers a migrator behaves as before.
     */
    public Migrator observedBy(Callback observer) {
        List<Callback> all = new ArrayList<>(observers);
        all.add(Objects.requireNonNull(observer, "observer"));
        return new Migrator(target, options, classLoader, all);
    }

    public MigrationTarget target() {
        return target;
    }

    public MigrationOptions options() {
        return options;
    }

    /**
     * Applies the pending migrations under the guardrails.
     *
     * @throws MigrationFailedException when a migration or the validation fails, with the partial report
     * @throws DbBranchException        {@code INVALID_REQUEST} for bad locations or script names, {@code UNAVAILABLE}
     *                                  or {@code AUTHENTICATION} when the database cannot be reached
     */
    public MigrationReport migrate() {
        String asked = "Migrate " + target.label();
        Instant startedAt = Instant.now();
        RowCounter counter = new RowCounter(options.table());
        List<Callback> callbacks = new ArrayList<>(observers);
        callbacks.add(0, counter);
        Flyway flyway = FlywaySetup.create(target, options, classLoader, callbacks.toArray(Callback[]::new));
        MigrationInfoService before = info(flyway, asked);
        try {
            MigrateResult result = flyway.migrate();
            List<String> warnings = new ArrayList<>(result.warnings == null ? List.of() : result.warnings);
            warnings.addAll(counter.problems());
            return report(info(flyway, asked), before, counter, startedAt, warnings);
        } catch (FlywayException failure) {
            MigrationReport partial;
            try {
                partial = report(flyway.info(), before, counter, startedAt, counter.problems());
            } catch (FlywayException unreadable) {
                failure.addSuppressed(unreadable);
                partial = report(before, before, counter, startedAt, List.of("The history could not be read after the failure"));
            }
            throw FlywayFailures.translate(asked, failure, partial, options.guardrails());
        }
    }

    /** The database's schema history against the checkout's scripts, without changing anything. */
    public SchemaHistory history() {
        MigrationInfoService info = info(FlywaySetup.create(target, options, classLoader), "Read the schema history of " + target.label());
        List<HistoryEntry> applied = new ArrayList<>();
        List<ScriptMigration> checkout = new ArrayList<>();
        for (MigrationInfo migration : info.all()) {
            if (migration.getState().isApplied()) {
                applied.add(new HistoryEntry(migration.getInstalledRank(), version(migration), migration.getDescription(),
                        migration.getType().name(), migration.getScript(), migration.getAppliedChecksum(),
                        !migration.getState().isFailed()));
            }
            if (migration.getState().isResolved() && !migration.getType().isSynthetic()) {
                checkout.add(resolvedScript(migration));
            }
        }
        List<ScriptMigration> pending = Arrays.stream(info.pending()).map(m -> script(m, m.getChecksum())).toList();
        return new SchemaHistory(target.label(), currentVersion(info), applied, checkout, pending);
    }

    /**
     * Drops every object in the managed schemas. Only for branches, and only when the options allow it.
     *
     * @throws DbBranchException {@code PERMISSION_DENIED} unless {@link MigrationOptions#cleanAllowed()}
     */
    public void clean() {
        String asked = "Clean " + target.label();
        if (!options.cleanAllowed()) {
            throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, asked, "clean is disabled",
                    "Allow it explicitly for throw-away branches (cleanAllowed); it is never allowed on a parent");
        }
        Flyway flyway = FlywaySetup.create(target, options, classLoader);
        try {
            flyway.clean();
        } catch (FlywayException failure) {
            throw FlywayFailures.translate(asked, failure, report(info(flyway, asked), null, null, Instant.now(), List.of()),
                    options.guardrails());
        }
    }

    private MigrationInfoService info(Flyway flyway, String asked) {
        try {
            return flyway.info();
        } catch (FlywayException failure) {
            MigrationReport nothing = new MigrationReport(target.label(), null, null, List.of(), Instant.now(), Duration.ZERO, List.of());
            throw FlywayFailures.translate(asked, failure, nothing, options.guardrails());
        }
    }

    private MigrationReport report(MigrationInfoService after, MigrationInfoService before, RowCounter counter, Instant startedAt,
                                   List<String> warnings) {
        int lastRankBefore = before == null ? Integer.MAX_VALUE : Arrays.stream(before.applied())
                .map(MigrationInfo::getInstalledRank).filter(Objects::nonNull).mapToInt(Integer::intValue).max().orElse(0);
        List<AppliedMigration> applied = Arrays.stream(after.applied())
                .filter(m -> m.getInstalledRank() != null && m.getInstalledRank() > lastRankBefore)
                .filter(m -> !m.getState().isFailed() && !m.getType().isSynthetic())
                .map(m -> new AppliedMigration(version(m), m.getDescription(), m.getScript(), m.getChecksum(),
                        Duration.ofMillis(m.getExecutionTime() == null ? 0 : m.getExecutionTime()),
                        counter == null ? null : counter.rowsAffected(m.getScript())))
                .toList();
        return new MigrationReport(target.label(), before == null ? null : currentVersion(before), currentVersion(after), applied,
                startedAt, Duration.between(startedAt, Instant.now()), warnings);
    }

    /**
     * The checkout's side of an entry. For a version the database has applied, {@link MigrationInfo} reports the
     * applied script's name and description; only Flyway's implementation still holds the resolved ones.
     */
    private static ScriptMigration resolvedScript(MigrationInfo migration) {
        if (migration instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null) {
            ResolvedMigration resolved = impl.getResolvedMigration();
            return new ScriptMigration(version(migration), resolved.getDescription(), resolved.getScript(), resolved.getChecksum());
        }
        return script(migration, migration.getResolvedChecksum());
    }

    private static ScriptMigration script(MigrationInfo migration, Integer checksum) {
        return new ScriptMigration(version(migration), migration.getDescription(), migration.getScript(), checksum);
    }

    private static String version(MigrationInfo migration) {
        return migration.getVersion() == null ? null : migration.getVersion().getVersion();
    }

    private static String currentVersion(MigrationInfoService info) {
        MigrationInfo current = info.current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }
}
