package io.dbbranch.cli;

import io.dbbranch.cli.options.DurationConverter;
import io.dbbranch.cli.options.MigrationFlags;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.cli.options.ReviewPolicyFlags;
import io.dbbranch.cli.options.ReviewReportFiles;
import io.dbbranch.engine.migration.UpstreamMigration;
import io.dbbranch.engine.migration.UpstreamMigrationException;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamReportText;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.spi.BranchProvider;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dbbranch migrate-upstream --parent main --locations <dir>}: after merge, migrate the parent safely. */
@Command(name = "migrate-upstream", header = "After merge, migrate a parent such as main: validate, rehearse, record a restore point, migrate.",
        description = "Apply the checkout's migrations to a parent (e.g. main) after merge: check that its schema history "
                + "is a prefix of the checkout's, rehearse the pending migrations on a fresh branch of it, record a "
                + "restore point, then migrate it under a lock. The rehearsal is reviewed (see 'dbbranch review'; "
                + "--no-review to skip): a FAIL verdict leaves the parent untouched (exit 16) unless "
                + "--migrate-despite-failed-review. --dry-run stops after the rehearsal. Prints each step; exit code 13 "
                + "when one fails.")
final class MigrateUpstreamCommand extends DataCommand {
    @Option(names = "--parent", required = true, paramLabel = "BRANCH", description = "The branch to migrate, e.g. main.")
    String parent;

    @Mixin
    MigrationFlags migration;

    @Option(names = "--dry-run", description = "Only check the history and rehearse on a fresh branch; never touch the parent.")
    boolean dryRun;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "How long to wait for another run migrating the parent (default ${DEFAULT-VALUE}).")
    Duration lockWait;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Option(names = "--no-review", description = "Rehearse without reviewing: no lock or rewrite measurements, no verdict.")
    boolean noReview;

    @Option(names = "--migrate-despite-failed-review",
            description = "Migrate the parent even when the rehearsal's review says FAIL (the findings stay in the report).")
    boolean migrateDespiteFailedReview;

    @Mixin
    ReviewPolicyFlags reviewPolicy;

    @Mixin
    ReviewReportFiles reviewFiles;

    @Override
    protected int execute() {
        UpstreamRequest request = UpstreamRequest.builder(parent, migration.toOptions(context())).dryRun(dryRun)
                .holder(settings().owner()).lockWait(lockWait).rehearsalReadyTimeout(readyTimeout.value())
                .review(noReview ? null : reviewPolicy.toOptions(context(), console()::note))
                .migrateDespiteFailedReview(migrateDespiteFailedReview).build();
        try (BranchProvider provider = openProvider()) {
            UpstreamReport report;
            try {
                report = new UpstreamMigration(provider, console().progress()).run(request);
            } catch (UpstreamMigrationException failure) {
                if (failure.report() != null) {
                    writeReview(failure.report());
                    console().print(failure.report(), UpstreamReportText.render(failure.report()));
                    if (failure.report().outcome() == UpstreamReport.Outcome.REVIEW_FAILED) {
                        throw ReviewVerdictException.refusedUpstream(failure);
                    }
                }
                throw failure;
            }
            writeReview(report);
            console().print(report, UpstreamReportText.render(report));
            return ExitCodes.OK;
        }
    }

    private void writeReview(UpstreamReport report) {
        if (report.review() != null) {
            reviewFiles.write(report.review(), context(), console()::note);
        }
    }
}
