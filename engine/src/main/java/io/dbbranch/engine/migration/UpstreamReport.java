package io.dbbranch.engine.migration;

import io.dbbranch.engine.diff.SchemaDiffReport;
import io.dbbranch.engine.review.ReviewReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code migrateUpstream} run found and did, step by step; the parts it did not reach are {@code null}.
 * Also the partial result inside an {@link UpstreamMigrationException}.
 *
 * @param parent          the parent's name
 * @param dryRun          whether only validation and the rehearsal were asked for
 * @param outcome         how it ended
 * @param versionBefore   the parent's schema version at the start ({@code null}: empty history)
 * @param pending         the migrations to apply, as found at the start
 * @param divergence      why the parent's history is not a prefix of the checkout's, when it is not
 * @param rehearsalBranch the fresh branch the migrations were rehearsed on (deleted since)
 * @param rehearsal       what the rehearsal applied
 * @param review          the review of the rehearsal, when one was asked for
 * @param schemaChanges   how the rehearsal changed the parent's schema, with destructive changes flagged
 * @param restorePoint    the point recorded on the parent just before migrating it
 * @param migration       what was applied to the parent
 * @param startedAt       when the run started
 * @param duration        how long it took
 * @param warnings        what went wrong without stopping the run (e.g. a rehearsal branch left behind)
 */
public record UpstreamReport(String parent, boolean dryRun, Outcome outcome, String versionBefore, List<ScriptMigration> pending,
                             HistoryDivergence divergence, String rehearsalBranch, MigrationReport rehearsal, ReviewReport review,
                             SchemaDiffReport schemaChanges, RecordedRestorePoint restorePoint, MigrationReport migration, Instant startedAt, Duration duration,
                             List<String> warnings) {

    /** How a run ended. */
    public enum Outcome {
        /** Nothing was pending: no rehearsal, no change. */
        UP_TO_DATE,
        /** Dry run: the rehearsal passed; the parent was not touched. */
        REHEARSED,
        /** The parent was migrated. */
        MIGRATED,
        /** The parent's history is not a prefix of the checkout's migrations; nothing was done. */
        DIVERGED,
        /** The rehearsal failed; the parent was not touched. */
        REHEARSAL_FAILED,
        /** The rehearsal applied but its review's verdict is FAIL; the parent was not touched. */
        REVIEW_FAILED,
        /** The parent changed or was locked between the checks and the migration; it was not touched. */
        CONFLICT,
        /** Migrating the parent itself failed after a passing rehearsal; see the restore point. */
        MIGRATION_FAILED
    }

    public UpstreamReport {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(outcome, "outcome");
        pending = pending == null ? List.of() : List.copyOf(pending);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
