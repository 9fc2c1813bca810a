package io.dbbranch.cli;

import io.dbbranch.cli.options.CapacityOptions;
import io.dbbranch.cli.options.DataOptions;
import io.dbbranch.cli.options.DurationConverter;
import io.dbbranch.cli.options.EnvPrefixConverter;
import io.dbbranch.cli.options.FailOnOption;
import io.dbbranch.cli.options.FixedNameOptions;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.cli.options.KeepPolicyConverter;
import io.dbbranch.cli.options.MigrationFlags;
import io.dbbranch.cli.options.PointInTimeOptions;
import io.dbbranch.cli.options.ReviewPolicyFlags;
import io.dbbranch.cli.options.ReviewReportFiles;
import io.dbbranch.cli.output.DataView;
import io.dbbranch.cli.output.ReviewSummary;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.migration.MigrationFailedException;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationReport;
import io.dbbranch.engine.migration.MigrationReportTable;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.review.MigrationReview;
import io.dbbranch.engine.review.ReviewOptions;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.spi.BranchProvider;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dbbranch run --parent main -- <command>}: the whole lease around one command. The command sees the lease's
 * variables ({@code PGHOST}, {@code PGPASSWORD}, {@code DATABASE_URL}, …); its exit code becomes ours; the branch is
 * torn down whatever happens, Ctrl-C and SIGTERM included.
 */
@Command(name = RunCommand.NAME, header = "Create a branch, run a command on it, and tear the branch down whatever happens.",
        description = "Create a branch, run a command on it, and tear the branch down whatever happens (Ctrl-C and SIGTERM "
                + "included). The command gets PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGPASSFILE, "
                + "DATABASE_URL, JDBC_DATABASE_URL, DB_BRANCH_NAME, … and its exit code is returned. Put -- before the "
                + "command.")
final class RunCommand extends ProviderCommand {
    static final String NAME = "run";

    @Option(names = "--parent", required = true, paramLabel = "BRANCH", description = "The branch to copy.")
    String parent;

    @Option(names = "--name", paramLabel = "NAME", description = "The branch name (default: derived from --name-prefix, --job, --change, --build and a random suffix).")
    String name;

    @Option(names = "--name-prefix", paramLabel = "TEXT", defaultValue = "ci", description = "First part of derived names (default ${DEFAULT-VALUE}).")
    String namePrefix;

    @Option(names = "--job", paramLabel = "TEXT", description = "Job name, for the derived name and the labels.")
    String job;

    @Option(names = "--build", paramLabel = "TEXT", description = "Build number, for the derived name and the labels.")
    String build;

    @Option(names = "--change", paramLabel = "TEXT", description = "Pull or merge request id, e.g. pr-12.")
    String change;

    @ArgGroup(exclusive = true)
    PointInTimeOptions from;

    @Option(names = "--keep", paramLabel = "POLICY", converter = KeepPolicyConverter.class, defaultValue = "never",
            description = "never (default), on-failure, always or while-pr-open (with --pull-request: until reap hears the "
                    + "pull request is closed): keep the branch at the end instead of deleting it.")
    KeepPolicy keep;

    @Mixin
    FixedNameOptions fixedName;

    @Option(names = "--keep-for", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "7d",
            description = "How long a kept branch lives before reap may delete it (default ${DEFAULT-VALUE}).")
    Duration keepFor;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "Dead-man's switch: if dbbranch dies, the branch expires this long after its last heartbeat (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--token-ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
            description = "Lifetime of each token; it is renewed in PGPASSFILE before it runs out (default ${DEFAULT-VALUE}).")
    Duration tokenTtl;

    @Option(names = "--env-prefix", paramLabel = "TEXT", defaultValue = "", converter = EnvPrefixConverter.class,
            description = "Prefix for every variable name: letters, digits and '_', e.g. ORDERS_.")
    String envPrefix;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Mixin
    DataOptions data;

    @Mixin
    CapacityOptions capacity;

    @Option(names = "--migrate", split = ",", paramLabel = "DIR",
            description = "Apply the Flyway migrations of these folders to the branch before the command (as the branch's login).")
    List<String> migrate;

    @Option(names = "--review", description = "Review the --migrate migrations as they run (as 'dbbranch review' does) and "
            + "print the report on stderr: a FAIL verdict stops the command before it runs (exit 16), WARN runs it with a warning.")
    boolean review;

    @Mixin
    ReviewPolicyFlags reviewPolicy;

    @Mixin
    FailOnOption failOn;

    @Mixin
    ReviewReportFiles reviewFiles;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments.")
    List<String> command;

    /** How to review the migrations, {@code null} without {@code --review}. */
    private ReviewOptions reviewOptions;

    private ReviewOptions review(MigrationOptions migration) {
        if (!review) {
            return null;
        }
        if (migration == null) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Review the migrations of this run", "--review was given without --migrate",
                    "Name the migrations to review with --migrate DIR");
        }
        return reviewPolicy.toOptions(context(), console()::note);
    }

    private void migrate(BranchLease lease, MigrationOptions options) {
        if (options == null) {
            return;
        }
        MigrationTarget target = MigrationTarget.of(lease.connection(), lease.credential()).withLabel(lease.branch().name());
        if (reviewOptions != null) {
            reviewed(new MigrationReview(new Migrator(target, options), reviewOptions).run());
            return;
        }
        MigrationReport report = new Migrator(target, options).migrate();
        // Progress, not data: the command's own output is what stdout is for.
        console().note(MigrationReportTable.summary(report));
    }

    /** Prints the review on stderr and writes its files; a failed migration or a stopping verdict ends the run here. */
    private void reviewed(ReviewReport report) {
        ReviewSummary.lines(report).forEach(console()::note);
        reviewFiles.write(report, context(), console()::note);
        ReviewGate.enforce(report, failOn, console(), "Review the migrations before " + command.get(0),
                command.get(0) + " was not run", "running " + command.get(0) + " anyway");
    }

    @Override
    protected int execute() throws Exception {
        LeaseSpec spec = LeaseSpec.builder(parent).name(name).namePrefix(namePrefix).owner(settings().owner())
                .job(job).build(build).change(change).from(PointInTimeOptions.of(from))
                .keep(keep).keepFor(keepFor).expiryWindow(ttl).credentialTtl(tokenTtl).envPrefix(envPrefix)
                .readyTimeout(readyTimeout.value()).data(data.toBranchData(context()))
                .onExists(fixedName.onExists()).pullRequest(fixedName.pullRequest())
                .capacity(capacity.toCapacity("", settings())).build();
        // Read before the branch is made: a wrong folder must not cost a branch.
        MigrationOptions migration = migrate == null || migrate.isEmpty() ? null : MigrationFlags.build(migrate, "--migrate", context()).build();
        reviewOptions = review(migration);
        try (BranchProvider provider = openProvider()) {
            BranchLease lease = BranchLease.open(provider, spec, console().progress());
            int exit;
            DataView.lines(lease.data()).forEach(console()::note);
            try {
                migrate(lease, migration);
                exit = new ChildCommand(context()).run(command, lease.environment().variables());
            } catch (InterruptedException stopped) {
                // A cancelled run deletes its branch even with --keep on-failure: nothing failed, it was stopped.
                lease.teardown();
                return ExitCodes.INTERRUPTED;
            } catch (MigrationFailedException failure) {
                if (failure.partialReport() != null) {
                    console().text(MigrationReportTable.render(failure.partialReport()));
                }
                lease.bodyFailed(failure);
                lease.teardown();
                throw failure;
            } catch (RuntimeException | Error e) {
                lease.bodyFailed(e);
                lease.teardown();
                throw e;
            }
            if (exit != 0) {
                lease.bodyFailed(new IllegalStateException(command.get(0) + " exited with " + exit));
            }
            TeardownResult teardown = lease.teardown();
            console().note(command.get(0) + " exited with " + exit);
            if (!teardown.succeeded() && exit == 0) {
                throw teardown.failure();
            }
            return exit;
        }
    }
}
