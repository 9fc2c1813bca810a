package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/** Turns a target and options into a configured {@link Flyway}; the one place that knows Flyway's configuration. */
final class FlywaySetup {
    /** How our migration sessions appear in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "dbbranch-migrate";

    private FlywaySetup() {
    }

    /**
     * A Flyway for {@code target}. The class loader is passed explicitly: Flyway finds its PostgreSQL support
     * through {@code META-INF/services} of that loader, which the thread's context loader in a plugin or a shaded
     * jar may not see; {@code classpath:} locations are read through it too.
     */
    static Flyway create(MigrationTarget target, MigrationOptions options, ClassLoader classLoader, Callback... callbacks) {
        try {
            FluentConfiguration configuration = Flyway.configure(classLoader)
                    .dataSource(target.sessionUrl(APPLICATION_NAME, options.guardrails()), target.user(), target.password().reveal())
                    .locations(options.locations().toArray(String[]::new))
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(!options.cleanAllowed())
                    .table(options.table())
                    .placeholders(options.placeholders())
                    .baselineOnMigrate(options.baselineOnMigrate())
                    .outOfOrder(options.outOfOrder())
                    .validateOnMigrate(options.validateOnMigrate())
                    .callbacks(callbacks);
            // Flyway's default lock on PostgreSQL is a transaction-scoped advisory lock, held in an open transaction
            // for the whole run: CREATE INDEX CONCURRENTLY waits for every open transaction to end, so it waited
            // for Flyway itself until lock_timeout. A session-scoped lock does not (flyway.postgresql.transactional.lock).
            PostgreSQLConfigurationExtension postgres = configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class);
            if (postgres != null) {
                postgres.setTransactionalLock(false);
            }
            if (!options.schemas().isEmpty()) {
                configuration.schemas(options.schemas().toArray(String[]::new));
            }
            if (options.target() != null) {
                configuration.target(options.target());
            }
            if (options.baselineVersion() != null) {
                configuration.baselineVersion(options.baselineVersion());
            }
            return configuration.load();
        } catch (FlywayException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Configure Flyway for " + target.label() + " with " + options,
                    "Flyway refused the configuration: " + e.getMessage(), "Fix the option Flyway names", e);
        }
    }
}
