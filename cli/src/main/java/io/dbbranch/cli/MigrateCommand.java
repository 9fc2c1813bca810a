package io.dbbranch.cli;

import io.dbbranch.cli.options.MigrationFlags;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.engine.migration.MigrationFailedException;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationReport;
import io.dbbranch.engine.migration.MigrationReportTable;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.spi.BranchProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dbbranch migrate <branch> --locations <dir>}: Flyway on a branch, as the branch's own login. */
@Command(name = "migrate", header = "Apply Flyway migrations to a branch and report each one.",
        description = "Apply Flyway migrations to a branch as its own login, and print each migration applied with its time "
                + "and rows. On failure, prints what was applied before the failing script; exit code 13.")
final class MigrateCommand extends DataCommand {
    @Parameters(paramLabel = "BRANCH", description = "The branch to migrate.")
    String branch;

    @Mixin
    MigrationFlags migration;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Override
    protected int execute() {
        try (BranchProvider provider = openProvider()) {
            MigrationTarget target = Branches.login(provider,
                    Branches.require(provider, branch, "Migrate branch '" + branch + "'"), readyTimeout.value(), console().progress());
            MigrationOptions options = migration.toOptions(context());
            console().note("migrating " + branch + " with " + String.join(", ", options.locations()));
            MigrationReport report;
            try {
                report = new Migrator(target, options).migrate();
            } catch (MigrationFailedException failure) {
                print(failure.partialReport());
                throw failure;
            }
            print(report);
            return ExitCodes.OK;
        }
    }

    private void print(MigrationReport report) {
        if (report != null) {
            console().print(report, MigrationReportTable.render(report));
        }
    }
}
