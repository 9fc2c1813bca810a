package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dbbranch delete <name>}: deletes a branch (or root database) that dbbranch made. */
@Command(name = "delete", header = "Delete a branch and its login role.",
        description = "Refuses databases dbbranch did not make unless --force.")
final class DeleteCommand extends DataCommand {
    @Parameters(paramLabel = "NAME", description = "The branch to delete.")
    String name;

    @Option(names = "--if-exists", description = "Succeed when there is no such branch.")
    boolean ifExists;

    @Option(names = "--force", description = "Also delete a database without dbbranch labels (one dbbranch did not make).")
    boolean force;


    @Override
    protected int execute() {
        String asked = "Delete branch '" + name + "'";
        try (BranchProvider provider = openProvider()) {
            Optional<BranchInfo> found = provider.findBranch(name);
            if (found.isEmpty() && !ifExists) {
                Branches.require(provider, name, asked);
            }
            boolean deleted = false;
            if (found.isPresent()) {
                if (found.get().labels() == null && !force) {
                    throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                            "it carries no dbbranch labels, so dbbranch did not make it", "Add --force to delete it anyway");
                }
                deleted = provider.deleteBranch(found.get());
            }
            Cleanup.removePassFile(name, console());
            console().note(deleted ? "deleted " + name : "there was no branch " + name);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", name);
            result.put("deleted", deleted);
            console().print(result, result);
            return ExitCodes.OK;
        }
    }
}
