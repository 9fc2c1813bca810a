package io.dbbranch.cli;

import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.diff.SchemaChange;
import io.dbbranch.engine.diff.SchemaDiff;
import io.dbbranch.engine.diff.SchemaDiffMarkdown;
import io.dbbranch.engine.diff.SchemaDiffReport;
import io.dbbranch.engine.migration.Guardrails;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.report.TextTable;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dbbranch diff <branch> [--parent main]}: how a branch's schema differs from its parent's. */
@Command(name = "diff", header = "Compare a branch's schema with its parent's.",
        description = "Compare a branch's schema with its parent's: tables, columns, indexes, constraints, views, "
                + "functions, sequences, enums, with the changes that can lose data flagged. --markdown for a pull "
                + "request comment; --fail-on-destructive exits with 14 when a change can lose data.")
final class DiffCommand extends DataCommand {
    @Parameters(paramLabel = "BRANCH", description = "The branch whose schema changed.")
    String branch;

    @Option(names = "--parent", paramLabel = "BRANCH", description = "The branch to compare with (default: the branch's own parent).")
    String parent;

    @Option(names = "--markdown", description = "Print GitHub-flavoured Markdown instead of a table.")
    boolean markdown;

    @Option(names = "--fail-on-destructive", description = "Exit with 14 when a change can drop data.")
    boolean failOnDestructive;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Override
    protected int execute() throws SQLException {
        String asked = "Compare the schema of branch '" + branch + "' with its parent";
        try (BranchProvider provider = openProvider()) {
            BranchInfo changed = Branches.require(provider, branch, asked);
            String parentName = parent != null ? parent : changed.parent();
            if (parentName == null) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the branch does not record its parent",
                        "Name it with --parent");
            }
            BranchInfo original = Branches.require(provider, parentName,
                    "Compare the schema of branch '" + branch + "' with '" + parentName + "'");
            MigrationTarget branchLogin = Branches.login(provider, changed, readyTimeout.value(), console().progress());
            MigrationTarget parentLogin = Branches.ownerLogin(provider, original, readyTimeout.value(), console().progress());
            console().note("reading the schemas of " + branch + " and " + parentName);
            SchemaDiffReport report;
            try (Connection parentConnection = parentLogin.connect("dbbranch-diff", Guardrails.DEFAULT);
                 Connection branchConnection = branchLogin.connect("dbbranch-diff", Guardrails.DEFAULT)) {
                report = SchemaDiff.between(parentConnection, parentName, branchConnection, branch);
            }
            console().print(report, markdown ? SchemaDiffMarkdown.render(report) : text(report));
            return failOnDestructive && report.canDropData() ? ExitCodes.of(ErrorCode.VERIFICATION_FAILED) : ExitCodes.OK;
        }
    }

    private static String text(SchemaDiffReport report) {
        long destructive = report.destructiveCount();
        String summary = report.branch() + " compared with " + report.parent() + ": " + (report.isEmpty() ? "no schema changes"
                : report.changes().size() + " change(s), " + (destructive == 0 ? "none destructive" : destructive + " DESTRUCTIVE"))
                + "\n";
        if (report.isEmpty()) {
            return summary;
        }
        TextTable table = TextTable.withHeaders("", "Change", "Object", "Detail");
        for (SchemaChange change : report.changes()) {
            table.row(change.destructive() ? "!" : "", change.label(), change.name(),
                    change.destructive() ? change.detail() + " (" + change.reason() + ")" : change.detail());
        }
        return summary + table.render();
    }
}
