package io.dbbranch.cli;

import io.dbbranch.engine.report.TextTable;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.BranchProvider;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbbranch reap [--dry-run]}: deletes this owner's expired branches, and those of closed pull requests. */
@Command(name = "reap", header = "Delete expired branches of this owner.",
        description = "Delete expired branches of this owner (see --owner), and branches kept for pull requests named by "
                + "--closed-pull-requests. Branches without dbbranch labels are never touched. Exits with 1 when some could "
                + "not be deleted.")
final class ReapCommand extends DataCommand {
    @Option(names = "--dry-run", description = "Only list what would be deleted.")
    boolean dryRun;

    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "", description = "Only branches whose names start with this.")
    String prefix;

    @Option(names = "--any-owner", description = "Also delete expired branches of other owners (never live ones).")
    boolean anyOwner;

    @Option(names = "--closed-pull-requests", split = ",", paramLabel = "KEY",
            description = "Pull requests that are closed or merged (keys as given to --pull-request): their kept branches "
                    + "are deleted. Branches of other pull requests are kept until their expiry.")
    List<String> closedPullRequests;

    @Override
    protected int execute() {
        try (BranchProvider provider = openProvider()) {
            Reaper.PullRequestLiveness pullRequests = closedPullRequests == null ? Reaper.PullRequestLiveness.UNKNOWN
                    : Reaper.PullRequestLiveness.closed(closedPullRequests);
            ReapReport report = new Reaper(provider, settings().owner(), Reaper.BuildLiveness.UNKNOWN, pullRequests, Clock.systemUTC())
                    .reap(prefix, dryRun, anyOwner, console().progress());
            if (!dryRun) {
                report.deleted().forEach(reaped -> Cleanup.removePassFile(reaped.branch(), console()));
            }
            TextTable table = TextTable.withHeaders("Branch", "Action", "Reason");
            report.deleted().forEach(e -> table.row(e.branch(), dryRun ? "would delete" : "deleted", e.reason()));
            report.failures().forEach(e -> table.row(e.branch(), "FAILED", e.reason()));
            report.skipped().forEach(e -> table.row(e.branch(), "kept", e.reason()));
            console().print(report, table);
            return report.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
