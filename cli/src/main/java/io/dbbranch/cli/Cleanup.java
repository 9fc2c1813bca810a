package io.dbbranch.cli;

import io.dbbranch.cli.output.Console;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;

/** Deleting what a failed command made, without hiding why it failed. */
final class Cleanup {
    private Cleanup() {
    }

    /** Deletes {@code branch} after {@code failure}; a failed deletion is attached to it and warned about. */
    static RuntimeException deleteAfter(BranchProvider provider, BranchInfo branch, RuntimeException failure, Console console) {
        try {
            provider.deleteBranch(branch);
            console.note("deleted " + branch.name() + " after the failure");
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
            console.warn("may have left " + branch.name() + " behind: " + cleanup.getMessage());
        }
        return failure;
    }
}
