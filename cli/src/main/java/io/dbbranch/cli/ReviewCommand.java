package io.dbbranch.cli;

import io.dbbranch.cli.options.FailOnOption;
import io.dbbranch.cli.options.MigrationFlags;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.cli.options.ReviewPolicyFlags;
import io.dbbranch.cli.options.ReviewReportFiles;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.review.BranchReview;
import io.dbbranch.engine.review.ReviewOptions;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.report.ReviewMarkdown;
import io.dbbranch.engine.spi.BranchProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dbbranch review --parent main --locations <dir>}: the pending migrations run on a throw-away branch of the
 * parent while the review measures them; the report is printed, the branch deleted, and the verdict is the exit code.
 */
@Command(name = "review", header = "Review migrations on a throw-away branch holding the parent's data; the verdict is the exit code.",
        description = "Apply the pending migrations to a fresh branch of the parent while measuring what each does (locks "
                + "and how long they are held, table rewrites, index builds, validations, what is dropped), judge that "
                + "against the review policy, print the report (Markdown, or JSON with --json) and delete the branch. "
                + "The parent is never touched. Exit code 0 for PASS and WARN, 16 for FAIL, 17 for WARN with --fail-on warn, 13 "
                + "when a migration fails.")
final class ReviewCommand extends DataCommand {
    @Option(names = "--parent", required = true, paramLabel = "BRANCH", description = "The branch whose data the migrations are reviewed on.")
    String parent;

    @Mixin
    MigrationFlags migration;

    @Mixin
    ReviewPolicyFlags policy;

    @Mixin
    FailOnOption failOn;

    @Mixin
    ReviewReportFiles files;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Override
    protected int execute() {
        // Read before the branch is made: a wrong folder or a bad policy file must not cost a branch.
        MigrationOptions options = migration.toOptions(context());
        ReviewOptions review = policy.toOptions(context(), console()::note);
        LeaseSpec spec = LeaseSpec.builder(parent).namePrefix("review").job(parent).owner(settings().owner())
                .keep(KeepPolicy.NEVER).readyTimeout(readyTimeout.value()).build();
        ReviewReport report;
        try (BranchProvider provider = openProvider()) {
            report = new BranchReview(provider, console().progress(), DbBranch.class.getClassLoader()).run(spec, options, review);
        }
        files.write(report, context(), console()::note);
        report.notes().stream().filter(note -> note.startsWith("may have left")).forEach(console()::warn);
        console().print(report, ReviewMarkdown.render(report));
        ReviewGate.enforce(report, failOn, console(), "Review the migrations of " + String.join(", ", options.locations())
                + " on a branch of " + parent, "they should not run on " + parent + " as written", "look at them before merging");
        return ExitCodes.OK;
    }
}
