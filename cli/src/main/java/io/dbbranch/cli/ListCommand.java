package io.dbbranch.cli;

import io.dbbranch.cli.output.BranchView;
import io.dbbranch.cli.output.Times;
import io.dbbranch.engine.report.TextTable;
import io.dbbranch.engine.spi.BranchProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbbranch list [--prefix p]}. */
@Command(name = "list", header = "List the branches with their owner and expiry.",
        description = "List the branches (on local and postgres: every database) with their owner and expiry.")
final class ListCommand extends DataCommand {
    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "", description = "Only names starting with this.")
    String prefix;


    @Override
    protected int execute() {
        try (BranchProvider provider = openProvider()) {
            List<BranchView> branches = provider.listBranches(prefix).stream().map(BranchView::of).toList();
            TextTable table = TextTable.withHeaders("Name", "Parent", "Owner", "Created", "Expires");
            // A database without labels is not a branch of ours: no owner, and nothing to say about its expiry.
            branches.forEach(b -> table.row(b.name(), b.parent(), b.owner(), Times.human(b.createdAt()),
                    b.owner() == null ? null : b.expiresAt() == null ? "never" : Times.human(b.expiresAt())));
            if (branches.isEmpty() && !json()) {
                console().note("no branches" + (prefix.isEmpty() ? "" : " starting with '" + prefix + "'"));
                return ExitCodes.OK;
            }
            console().print(branches, table);
            return ExitCodes.OK;
        }
    }
}
