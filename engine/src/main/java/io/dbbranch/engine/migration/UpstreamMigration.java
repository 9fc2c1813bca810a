package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.diff.SchemaDiff;
import io.dbbranch.engine.diff.SchemaDiffReport;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.review.MigrationReview;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.Verdict;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code migrateUpstream}: applies the checkout's migrations to the parent (e.g. {@code main}) after merge, safely.
 *
 * <ol>
 *   <li><b>Validate</b>: the parent's schema history must be a prefix of the checkout's migrations, checksum for
 *       checksum; otherwise refuse and name the migration where they part.</li>
 *   <li><b>Rehearse</b>: lease a fresh branch of the parent as it is now, run the pending migrations on it, delete
 *       it. If that fails the parent is not touched. When {@link UpstreamRequest#review()} asks for it, the rehearsal
 *       is a {@link MigrationReview}: a FAIL verdict stops the run here too, unless
 *       {@link UpstreamRequest#migrateDespiteFailedReview()}.</li>
 *   <li><b>Record</b> a restore point on the parent ({@link RestorePointLog}) just before migrating it.</li>
 *   <li><b>Migrate</b> the parent under the same guardrails, serialised by {@link UpstreamLock} (and Flyway's own
 *       lock); under the lock the history is read again, and the run stops if the parent changed since the
 *       rehearsal.</li>
 * </ol>
 * A dry run stops after step 2. The lock is not held during the rehearsal: on a plain PostgreSQL server a copy
 * needs the parent free of sessions.
 */
public final class UpstreamMigration {
    private final BranchProvider provider;
    private final Progress progress;
    private final ClassLoader classLoader;

    public UpstreamMigration(BranchProvider provider, Progress progress) {
        this(provider, progress, UpstreamMigration.class.getClassLoader());
    }

    /** @param classLoader the loader for Flyway's plugins and {@code classpath:} locations, see {@link Migrator} */
    public UpstreamMigration(BranchProvider provider, Progress progress, ClassLoader classLoader) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Runs the steps above.
     *
     * @throws UpstreamMigrationException when the history diverged, the rehearsal failed, the parent changed under
     *                                    the run, or migrating the parent failed; its report says how far it got
     * @throws DbBranchException          {@code CONFLICT} when another run holds the parent, {@code INVALID_REQUEST}
     *                                    for options that allow clean or a parent the provider cannot reach
     */
    public UpstreamReport run(UpstreamRequest request) {
        String parent = request.parent();
        String asked = (request.dryRun() ? "Rehearse migrating " : "Migrate ") + "parent '" + parent + "' upstream";
        UpstreamDraft draft = new UpstreamDraft(parent, request.dryRun());
        if (request.options().cleanAllowed()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the migration options allow clean",
                    "Clean is never allowed on a parent: leave cleanAllowed off");
        }
        MigrationTarget parentTarget = parentTarget(request, asked);
        Migrator onParent = new Migrator(parentTarget, request.options(), classLoader);

        progress.report("checking " + parent + "'s schema history against the checkout's migrations");
        SchemaHistory history = onParent.history();
        draft.versionBefore = history.currentVersion();
        draft.pending = history.pending();
        refuseDivergence(asked, draft, history, request.options().outOfOrder());
        if (history.pending().isEmpty()) {
            progress.report(parent + " is up to date at version " + MigrationReportTable.version(history.currentVersion()));
            return draft.finish(UpstreamReport.Outcome.UP_TO_DATE);
        }
        // Fail fast, before a possibly long rehearsal, when another run is migrating the parent right now.
        UpstreamLock.acquire(parentTarget, request.lockWait(), request.holder()).close();
        rehearse(request, parentTarget, draft, asked);
        refuseFailedReview(request, draft, asked);
        if (request.dryRun()) {
            return draft.finish(UpstreamReport.Outcome.REHEARSED);
        }
        UpstreamLock lock = UpstreamLock.acquire(parentTarget, request.lockWait(), request.holder());
        try {
            SchemaHistory now = onParent.history();
            if (!now.pending().equals(history.pending())) {
                throw draft.fail(UpstreamReport.Outcome.CONFLICT, asked, parent + " changed since the rehearsal (it is now at "
                        + "version " + MigrationReportTable.version(now.currentVersion()) + "); nothing was applied",
                        "Run migrateUpstream again", null);
            }
            String name = RestorePointLog.migrationPointName(parent, Instant.now());
            draft.restorePoint = new RestorePointLog(parentTarget).create(name, "before migrating " + parent + " from version "
                    + MigrationReportTable.version(history.currentVersion()) + " (" + history.pending().size() + " pending)",
                    request.holder());
            progress.report("recorded restore point " + draft.restorePoint + " on " + parent);
            migrateParent(onParent, draft, asked);
        } finally {
            release(lock, draft);
        }
        progress.report("migrated " + parent + " to version " + MigrationReportTable.version(draft.migration.versionAfter()));
        return draft.finish(UpstreamReport.Outcome.MIGRATED);
    }

    private MigrationTarget parentTarget(UpstreamRequest request, String asked) {
        if (request.parentTarget() != null) {
            return request.parentTarget();
        }
        return provider.parentAccess(request.parent(), Duration.ofHours(1))
                .map(access -> MigrationTarget.of(access.connection(), access.credential()).withLabel(request.parent()))
                .orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                        "the " + provider.kind() + " provider cannot give an owner's connection to '" + request.parent() + "'",
                        "Give the parent's JDBC URL and owner credentials explicitly"));
    }

    private static void refuseDivergence(String asked, UpstreamDraft draft, SchemaHistory history, boolean outOfOrder) {
        Optional<HistoryDivergence> divergence = HistoryPrefixCheck.check(history, outOfOrder);
        if (divergence.isPresent()) {
            draft.divergence = divergence.get();
            throw draft.fail(UpstreamReport.Outcome.DIVERGED, asked, draft.parent + "'s schema history is not a prefix of the "
                            + "checkout's migrations at version " + divergence.get().version() + ": " + divergence.get().reason()
                            + "; nothing was done",
                    "Bring the change that migrated " + draft.parent + " into this checkout (or revert it there) so both share "
                            + "one history, then run again", null);
        }
    }

    /** A review that says FAIL stops the run before the parent is touched, unless the request overrides it. */
    private void refuseFailedReview(UpstreamRequest request, UpstreamDraft draft, String asked) {
        if (draft.review == null) {
            return;
        }
        progress.report("review of the rehearsal: " + draft.review.verdict() + " (" + draft.review.findings().size() + " finding(s))");
        if (draft.review.verdict() != Verdict.FAIL) {
            return;
        }
        if (request.migrateDespiteFailedReview()) {
            draft.warnings.add("the rehearsal's review says FAIL; migrating anyway as asked (migrateDespiteFailedReview)");
            return;
        }
        String findings = draft.review.findings().stream()
                .map(finding -> "\n  " + finding.describe() + "\n    instead: " + finding.remedy())
                .collect(java.util.stream.Collectors.joining());
        throw draft.fail(UpstreamReport.Outcome.REVIEW_FAILED, asked, "the review of the rehearsal on '" + draft.rehearsalBranch
                        + "' says FAIL, so " + request.parent() + " was not touched (it stays at version "
                        + MigrationReportTable.version(draft.versionBefore) + "):" + findings,
                "Rewrite the migrations as the findings say, relax the policy for this run, or migrate anyway with "
                        + "migrateDespiteFailedReview", null);
    }

    private void rehearse(UpstreamRequest request, MigrationTarget parentTarget, UpstreamDraft draft, String asked) {
        LeaseSpec spec = LeaseSpec.builder(request.parent()).namePrefix("rehearse").job(request.parent())
                .owner(request.holder()).readyTimeout(request.rehearsalReadyTimeout()).keep(KeepPolicy.NEVER).build();
        progress.report("rehearsing " + draft.pending.size() + " migration(s) on a fresh branch of " + request.parent());
        BranchLease lease = BranchLease.open(provider, spec, progress);
        draft.rehearsalBranch = lease.branch().name();
        try {
            MigrationTarget branch = MigrationTarget.of(lease.connection(), lease.credential()).withLabel(lease.branch().name());
            Migrator onBranch = new Migrator(branch, request.options(), classLoader);
            if (request.review() == null) {
                draft.rehearsal = onBranch.migrate();
            } else {
                draft.review = new MigrationReview(onBranch, request.review()).run();
                draft.rehearsal = draft.review.migration();
                if (draft.review.failure() != null) {
                    throw new MigrationFailedException(draft.review.failure().message(), null, draft.rehearsal,
                            draft.review.failure().sqlState(), draft.review.failure().script());
                }
            }
            draft.schemaChanges = compareSchemas(parentTarget, branch, draft);
        } catch (MigrationFailedException failure) {
            lease.bodyFailed(failure);
            draft.rehearsal = failure.partialReport();
            throw draft.fail(UpstreamReport.Outcome.REHEARSAL_FAILED, asked, "the rehearsal on a fresh branch '"
                            + draft.rehearsalBranch + "' of it failed" + (failure.script() == null ? "" : " at " + failure.script())
                            + ", so " + request.parent() + " was not touched (it stays at version "
                            + MigrationReportTable.version(draft.versionBefore) + ")",
                    "Fix the migration: the error below is what " + request.parent() + "'s data would have caused", failure);
        } catch (RuntimeException | Error failure) {
            lease.bodyFailed(failure);
            throw failure;
        } finally {
            TeardownResult teardown = lease.teardown();
            if (teardown.failure() != null) {
                draft.warnings.add("may have left rehearsal branch " + draft.rehearsalBranch + " behind: "
                        + teardown.failure().getMessage());
            }
        }
    }

    /** What the rehearsal did to the schema; a comparison that fails only costs the report its diff. */
    private SchemaDiffReport compareSchemas(MigrationTarget parent, MigrationTarget branch, UpstreamDraft draft) {
        try (Connection parentConnection = parent.connect("dbbranch-schema-diff", Guardrails.DEFAULT);
             Connection branchConnection = branch.connect("dbbranch-schema-diff", Guardrails.DEFAULT)) {
            SchemaDiffReport changes = SchemaDiff.between(parentConnection, parent.label(), branchConnection, branch.label());
            progress.report("the migrations change " + changes.changes().size() + " schema object(s), "
                    + changes.destructiveCount() + " of them destructively");
            return changes;
        } catch (SQLException e) {
            draft.warnings.add("could not compare the schemas of " + parent.label() + " and " + branch.label() + ": "
                    + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]");
            return null;
        }
    }

    private void migrateParent(Migrator onParent, UpstreamDraft draft, String asked) {
        progress.report("migrating " + draft.parent);
        try {
            draft.migration = onParent.migrate();
        } catch (MigrationFailedException failure) {
            draft.migration = failure.partialReport();
            int applied = failure.partialReport().applied().size();
            throw draft.fail(UpstreamReport.Outcome.MIGRATION_FAILED, asked, "migrating " + draft.parent + " itself failed"
                            + (failure.script() == null ? "" : " at " + failure.script()) + " after a passing rehearsal; "
                            + applied + " migration(s) of this run stay applied (the failing one was rolled back)",
                    "To undo the run, restore " + draft.parent + " to restore point " + draft.restorePoint
                            + " with pitrRestore, or fix forward with a new migration", failure);
        }
    }

    private void release(UpstreamLock lock, UpstreamDraft draft) {
        try {
            lock.close();
        } catch (DbBranchException e) {
            draft.warnings.add(e.getMessage());
            progress.report("could not release the migrateUpstream lock cleanly: " + e.getMessage());
        }
    }

    /** The report as it grows, step by step. */
    private static final class UpstreamDraft {
        private final String parent;
        private final boolean dryRun;
        private final Instant startedAt = Instant.now();
        private final List<String> warnings = new ArrayList<>();
        private String versionBefore;
        private List<ScriptMigration> pending = List.of();
        private HistoryDivergence divergence;
        private String rehearsalBranch;
        private MigrationReport rehearsal;
        private ReviewReport review;
        private SchemaDiffReport schemaChanges;
        private RecordedRestorePoint restorePoint;
        private MigrationReport migration;

        private UpstreamDraft(String parent, boolean dryRun) {
            this.parent = parent;
            this.dryRun = dryRun;
        }

        UpstreamReport finish(UpstreamReport.Outcome outcome) {
            return new UpstreamReport(parent, dryRun, outcome, versionBefore, pending, divergence, rehearsalBranch, rehearsal,
                    review, schemaChanges, restorePoint, migration, startedAt, Duration.between(startedAt, Instant.now()), warnings);
        }

        /** The exception for a run that stops here: ours first, then the underlying failure's own message. */
        UpstreamMigrationException fail(UpstreamReport.Outcome outcome, String asked, String happened, String remedy,
                                        MigrationFailedException cause) {
            String message = DbBranchException.of(ErrorCode.MIGRATION_FAILED, asked, happened, remedy).getMessage()
                    + (cause == null ? "" : ".\n" + cause.getMessage());
            MigrationReport onParent = migration != null ? migration : new MigrationReport(parent, versionBefore, versionBefore,
                    List.of(), startedAt, Duration.between(startedAt, Instant.now()), List.of());
            return new UpstreamMigrationException(message, cause, finish(outcome), onParent,
                    cause == null ? null : cause.sqlState(), cause == null ? null : cause.script());
        }
    }
}
