package io.dbbranch.engine.review.observe;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.migration.MigrationTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.postgresql.PGConnection;

/**
 * Watches a Flyway run from the outside, as a {@link Callback} registered with the migrator:
 * <ol>
 *   <li>before each migration, reads the catalog (tables with {@code relfilenode}, size and row estimate, indexes,
 *       constraints, the schema) on its own connection, takes the migrating session's backend pid (pgjdbc knows it
 *       from the session's start: no query in the migration's transaction) and points the {@link LockSampler} at it;</li>
 *   <li>times each statement (Flyway's before/after-each-statement callbacks, which fire for SQL migrations in
 *       Flyway 13), and after each statement that can take a table lock (not plain DML) in a transactional
 *       migration, takes one lock sample on the spot: the transaction keeps what the statement took, so the lock is
 *       put on the right statement however short it was (one sub-millisecond catalog read between statements);</li>
 *   <li>at the end of each migration, still inside its transaction, takes one more lock sample: a transaction holds
 *       every table lock it took until it ends, so that sample misses nothing a faster migration than the sampling
 *       interval took;</li>
 *   <li>after the last migration, reads the catalog once more.</li>
 * </ol>
 * Nothing here can fail the migration: a failing observation becomes a {@link #problems() problem} for the report's
 * notes. {@link #close()} stops the sampler and closes the observer's connections.
 */
public final class ReviewObserver implements Callback, AutoCloseable {
    private static final int MAX_SQL = 200;
    private static final Pattern DML = Pattern.compile("(?i)\\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH|COPY|VALUES|TABLE)\\b");

    private final Connection catalogConnection;
    private final CatalogProbe probe;
    private final LockSampler sampler;
    private final List<MigrationObservation> observations = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Draft current;
    private CatalogState latest;
    private int slot;

    private ReviewObserver(Connection catalogConnection, CatalogProbe probe, LockSampler sampler) {
        this.catalogConnection = catalogConnection;
        this.probe = probe;
        this.sampler = sampler;
    }

    /**
     * Opens the observer's two sessions on {@code observer} (catalog reads, lock samples) and starts sampling.
     *
     * @param historyTable Flyway's history table, which every migration writes: left out of the review
     * @throws DbBranchException {@code UNAVAILABLE} when the observer cannot connect: a review that cannot observe
     *                           must not run the migrations and pass them blind
     */
    public static ReviewObserver open(MigrationTarget observer, String historyTable, Duration interval) {
        Connection catalog = null;
        try {
            catalog = ObserverConnections.open(observer);
            LockSampler sampler = new LockSampler(ObserverConnections.open(observer), interval);
            return new ReviewObserver(catalog, new CatalogProbe(catalog, historyTable, observer.label()), sampler);
        } catch (SQLException e) {
            if (catalog != null) {
                try {
                    catalog.close();
                } catch (SQLException close) {
                    e.addSuppressed(close);
                }
            }
            throw DbBranchException.of(ErrorCode.UNAVAILABLE, "Observe the migrations on " + observer.label(),
                    "the observer could not connect as " + observer.user() + ": " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]",
                    "Check that the branch accepts two more sessions for the observer, then run again", e);
        }
    }

    /** The migrations observed so far, in the order they ran. */
    public List<MigrationObservation> observations() {
        return List.copyOf(observations);
    }

    /** What could not be observed, for the report's notes. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        sampler.problem().ifPresent(all::add);
        return all;
    }

    /** How many lock samples were taken. */
    public long lockSamples() {
        return sampler.ticks();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return switch (event) {
            case BEFORE_EACH_MIGRATE, BEFORE_EACH_MIGRATE_STATEMENT, AFTER_EACH_MIGRATE_STATEMENT, AFTER_EACH_MIGRATE_STATEMENT_ERROR,
                 AFTER_EACH_MIGRATE, AFTER_EACH_MIGRATE_ERROR, AFTER_MIGRATE, AFTER_MIGRATE_ERROR -> true;
            default -> false;
        };
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            switch (event) {
                case BEFORE_EACH_MIGRATE -> beforeMigration(context);
                case BEFORE_EACH_MIGRATE_STATEMENT -> beforeStatement();
                case AFTER_EACH_MIGRATE_STATEMENT, AFTER_EACH_MIGRATE_STATEMENT_ERROR -> afterStatement(context);
                case AFTER_EACH_MIGRATE, AFTER_EACH_MIGRATE_ERROR -> afterMigration(event == Event.AFTER_EACH_MIGRATE_ERROR);
                case AFTER_MIGRATE, AFTER_MIGRATE_ERROR -> afterRun();
                default -> { }
            }
        } catch (RuntimeException e) {
            // An observation never fails the migration.
            problems.add("observing " + event.getId() + " failed: " + e);
        }
    }

    private void beforeMigration(Context context) {
        latest = readCatalog(true, "before " + scriptOf(context));
        finishCurrent();
        MigrationInfo info = context.getMigrationInfo();
        current = new Draft(info == null ? "unknown" : info.getScript(), info == null || info.getVersion() == null ? null
                : info.getVersion().getVersion(), info == null ? "" : info.getDescription(), latest, ++slot);
        Connection connection = context.getConnection();
        try {
            current.transactional = !connection.getAutoCommit();
            sampler.watch(connection.unwrap(PGConnection.class).getBackendPID(), slot);
        } catch (SQLException e) {
            problems.add("the locks of " + current.script + " could not be sampled (no backend pid): " + e.getMessage());
        }
        current.started = System.nanoTime();
    }

    private void beforeStatement() {
        if (current != null) {
            current.statementStarted = System.nanoTime();
            sampler.statement(++current.statementIndex);
        }
    }

    private void afterStatement(Context context) {
        if (current != null && context.getStatement() != null) {
            long ms = (System.nanoTime() - current.statementStarted) / 1_000_000;
            String sql = oneLine(context.getStatement().getSql());
            current.statements.add(new StatementTiming(current.statementIndex, sql, ms));
            if (current.transactional && mayLockTables(sql)) {
                sampler.sampleNow();
            }
        }
    }

    private void afterMigration(boolean failed) {
        if (current != null) {
            current.ended = System.nanoTime();
            current.failed = failed;
            sampler.sampleNow();
        }
    }

    private void afterRun() {
        sampler.watch(0, 0);
        latest = readCatalog(false, "after the last migration");
        finishCurrent();
    }

    private void finishCurrent() {
        if (current == null) {
            return;
        }
        Draft done = current;
        current = null;
        long end = done.ended == 0 ? System.nanoTime() : done.ended;
        observations.add(new MigrationObservation(done.script, done.version, done.description, done.transactional, done.failed,
                (end - done.started) / 1_000_000, done.statements, done.before, latest, sampler.locks(done.slot)));
    }

    private CatalogState readCatalog(boolean withSizes, String when) {
        try {
            return probe.read(withSizes);
        } catch (SQLException e) {
            problems.add("the catalog could not be read " + when + ": " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]");
            return null;
        }
    }

    /**
     * Whether a statement can take a table lock stronger than ROW EXCLUSIVE: not plain DML, which takes at most that
     * (so a migration of many inserts costs no extra sample), but DDL, {@code LOCK}, {@code TRUNCATE}, {@code DO}….
     */
    private static boolean mayLockTables(String sql) {
        return !DML.matcher(sql).lookingAt();
    }

    private static String scriptOf(Context context) {
        return context.getMigrationInfo() == null ? "a migration" : context.getMigrationInfo().getScript();
    }

    private static String oneLine(String sql) {
        String line = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SQL ? line : line.substring(0, MAX_SQL - 1) + "…";
    }

    @Override
    public String getCallbackName() {
        return "dbbranch-review-observer";
    }

    @Override
    public void close() {
        sampler.close();
        try {
            catalogConnection.close();
        } catch (SQLException e) {
            problems.add("closing the observer's connection failed: " + e.getMessage());
        }
    }

    /** The migration being observed. */
    private static final class Draft {
        private final String script;
        private final String version;
        private final String description;
        private final CatalogState before;
        private final int slot;
        private final List<StatementTiming> statements = new ArrayList<>();
        private boolean transactional;
        private boolean failed;
        private long started;
        private long ended;
        private long statementStarted;
        private int statementIndex;

        private Draft(String script, String version, String description, CatalogState before, int slot) {
            this.script = script;
            this.version = version;
            this.description = description;
            this.before = before;
            this.slot = slot;
        }
    }
}
