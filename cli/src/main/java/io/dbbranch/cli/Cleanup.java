package io.dbbranch.cli;

import io.dbbranch.cli.output.Console;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import java.io.IOException;

/** Deleting what a failed or interrupted command made, without hiding why it failed. */
final class Cleanup {
    private Cleanup() {
    }

    /**
     * Deletes {@code branch} after {@code failure}; a failed deletion is attached to it and warned about with the
     * command that deletes it. Runs with the interrupt flag cleared (restored after): a stopped command still cleans up.
     */
    static RuntimeException deleteAfter(BranchProvider provider, BranchInfo branch, RuntimeException failure, Console console) {
        boolean interrupted = Thread.interrupted();
        try {
            provider.deleteBranch(branch);
            console.note("deleted " + branch.name() + " after the failure");
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
            warnLeftBehind(branch.name(), cleanup, console);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return failure;
    }

    /**
     * Warns about {@code name} when a create failed and its own clean-up did too (the provider attaches that as a
     * suppressed failure); returns {@code failure}.
     */
    static RuntimeException reportLeftBehind(String name, RuntimeException failure, Console console) {
        for (Throwable cleanup : failure.getSuppressed()) {
            warnLeftBehind(name, cleanup, console);
        }
        return failure;
    }

    /** Throws {@code INTERRUPTED} when the thread was interrupted (Ctrl-C, SIGTERM) while SQL or HTTP could not notice. */
    static void stopIfInterrupted(String asked) {
        if (Thread.currentThread().isInterrupted()) {
            throw new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted");
        }
    }

    /**
     * Removes the password file a {@code run} of {@code branch} wrote, once the branch is deleted: a run that was killed
     * (SIGKILL, a lost machine) could not remove it itself.
     */
    static void removePassFile(String branch, Console console) {
        PgPassFile file = PgPassFile.ofBranch(LeaseSpec.defaultSecretsDirectory(), branch);
        try {
            if (file.delete()) {
                console.note("removed the password file " + file.path());
            }
        } catch (IOException e) {
            console.warn("could not remove the password file " + file.path() + ": " + e.getMessage());
        }
    }

    private static void warnLeftBehind(String name, Throwable cleanup, Console console) {
        console.warn("may have left branch " + name + " behind: " + cleanup.getMessage() + "; delete it with: dbbranch delete " + name);
    }
}
