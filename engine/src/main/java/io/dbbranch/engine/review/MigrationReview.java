package io.dbbranch.engine.review;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.migration.AppliedMigration;
import io.dbbranch.engine.migration.MigrationFailedException;
import io.dbbranch.engine.migration.MigrationReport;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.review.observe.MigrationObservation;
import io.dbbranch.engine.review.observe.ReviewObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Migration review on production-shaped data: runs a {@link Migrator} on a branch that holds the real data while an
 * observer measures, from a second and a third session, what each migration does (its time and its statements' times,
 * the tables it rewrote, the locks it held and for how long, the indexes it built and the constraints it validated,
 * what it destroyed), then judges that against a policy. The branch is migrated for real; its parent is never touched.
 *
 * <p>The life of one review: open the observer (it fails the review, not the migration, when it cannot connect) →
 * migrate with the observer registered as a Flyway callback → stop the observer (sampler thread and sessions,
 * always) → judge each migration → the report. A failing migration does not throw: it is the report's
 * {@link ReviewReport#failure()} and makes the verdict {@code FAIL}, and the migrations before it are reviewed.
 *
 * <p>Flyway runs as the migrator's target (the branch's own role); the observer reads catalogs only.
 */
public final class MigrationReview {
    private final Migrator migrator;
    private final ReviewOptions options;

    /**
     * @param migrator the migrator for the branch to review on (never a parent: the review migrates it for real)
     * @param options  the policy, the observer's login and the lock sampling interval
     */
    public MigrationReview(Migrator migrator, ReviewOptions options) {
        this.migrator = Objects.requireNonNull(migrator, "migrator");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Migrates the branch under observation and judges what happened.
     *
     * @throws DbBranchException {@code UNAVAILABLE} when the observer cannot connect (nothing was migrated), or what
     *                           {@link Migrator#migrate()} throws before any migration runs (bad locations, no
     *                           database); a migration that fails is reported, not thrown
     */
    public ReviewReport run() {
        MigrationTarget branch = migrator.target();
        MigrationTarget observerLogin = options.observer() == null ? branch : options.observer();
        MigrationReport migration;
        MigrationFailure failure = null;
        List<MigrationObservation> observations;
        List<String> notes = new ArrayList<>();
        boolean complete;
        try (ReviewObserver observer = ReviewObserver.open(observerLogin, migrator.options().table(), options.lockSampleInterval())) {
            try {
                migration = migrator.observedBy(observer).migrate();
            } catch (MigrationFailedException e) {
                migration = e.partialReport();
                failure = new MigrationFailure(e.script(), e.sqlState(), e.getMessage());
            }
            observations = observer.observations();
            notes.addAll(observer.problems());
            complete = observer.problems().isEmpty();
        }
        Judge judge = new Judge(options.policy());
        List<ReviewedMigration> reviewed = new ArrayList<>();
        for (MigrationObservation observation : observations) {
            reviewed.add(judge.judge(observation, rowsAffected(migration, observation.script()), notes));
        }
        if (reviewed.stream().anyMatch(m -> m.statements().isEmpty() && !m.failed())) {
            notes.add("Flyway reported no statements for some migrations (Java migrations): their findings use the "
                    + "migration's time, not the statement's");
        }
        List<Finding> findings = reviewed.stream().flatMap(m -> m.findings().stream()).toList();
        Verdict verdict = Verdict.of(findings, failure != null);
        if (verdict == Verdict.PASS && !complete) {
            verdict = Verdict.WARN; // nothing found is not the same as nothing there
        }
        return new ReviewReport(branch.label(), verdict, reviewed, failure, migration, options.policy().describe(),
                options.lockSampleInterval().toMillis(), complete, notes, null);
    }

    private static Long rowsAffected(MigrationReport migration, String script) {
        return migration == null ? null : migration.applied().stream().filter(m -> m.script().equals(script))
                .map(AppliedMigration::rowsAffected).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
