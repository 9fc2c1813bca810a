package io.dbbranch.engine.review;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.util.Objects;

/**
 * A review on a branch of its own: lease a fresh branch of the parent (it holds the parent's data as it is now),
 * review the pending migrations on it as the branch's own role, tear the branch down (whatever happened). The
 * parent is never migrated. What a {@code review} command or step runs.
 */
public final class BranchReview {
    private final BranchProvider provider;
    private final Progress progress;
    private final ClassLoader classLoader;

    /** @param classLoader the loader for Flyway's plugins and {@code classpath:} locations, see {@link Migrator} */
    public BranchReview(BranchProvider provider, Progress progress, ClassLoader classLoader) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Leases a branch per {@code spec} (its parent is the database to review against; make it expire soon and never
     * keep it), reviews {@code migration}'s pending migrations on it, and deletes it. A branch left behind by a
     * failed teardown is a note in the report.
     *
     * @throws DbBranchException when the branch cannot be made, or the review cannot start (see {@link MigrationReview#run()})
     */
    public ReviewReport run(LeaseSpec spec, MigrationOptions migration, ReviewOptions review) {
        BranchLease lease = BranchLease.open(provider, spec, progress);
        String name = lease.branch().name();
        ReviewReport report;
        try {
            MigrationTarget branch = MigrationTarget.of(lease.connection(), lease.credential()).withLabel(name);
            progress.report("reviewing the migrations on " + name + ", a fresh branch of " + spec.parent());
            report = new MigrationReview(new Migrator(branch, migration, classLoader), review).run();
            progress.report("review: " + report.verdict() + " (" + report.findings().size() + " finding(s))");
        } catch (RuntimeException | Error failure) {
            lease.bodyFailed(failure);
            lease.teardown();
            throw failure;
        }
        TeardownResult teardown = lease.teardown();
        return teardown.failure() == null ? report
                : report.withNote("may have left review branch " + name + " behind: " + teardown.failure().getMessage());
    }
}
