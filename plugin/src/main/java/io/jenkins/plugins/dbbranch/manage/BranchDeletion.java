package io.jenkins.plugins.dbbranch.manage;

import hudson.Util;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * An administrator's delete of one branch from the Database branches page. Only a branch whose labels name this
 * controller as its owner is deleted: a parent, a branch made by hand, or one of another controller or of the command
 * line is refused, since someone else may be using it. Never throws: the result says what happened.
 */
public final class BranchDeletion {
    private static final Logger LOGGER = Logger.getLogger(BranchDeletion.class.getName());

    /** What the delete did, for the page (public: the page's view reads it). */
    public record Result(boolean deleted, String message) {
    }

    private BranchDeletion() {
    }

    static Result delete(String connectionName, String branchName, ConnectionContext context) {
        String connectionAsked = Util.fixEmptyAndTrim(connectionName);
        String branch = Util.fixEmptyAndTrim(branchName);
        if (connectionAsked == null || branch == null) {
            return new Result(false, "Name the connection and the branch to delete.");
        }
        try {
            DbConnection connection = DbBranchConfiguration.get().resolve(connectionAsked);
            try (BranchProvider provider = connection.open(context)) {
                Optional<BranchInfo> found = provider.findBranch(branch);
                if (found.isEmpty()) {
                    return new Result(false, "Branch " + branch + " of " + connection.getName() + " is already gone.");
                }
                String refusal = refusal(found.get(), context.owner());
                if (refusal != null) {
                    return new Result(false, "Did not delete branch " + branch + " of " + connection.getName() + ": " + refusal + ".");
                }
                boolean existed = provider.deleteBranch(found.get());
                LOGGER.info(() -> "Deleted database branch " + branch + " of " + connection.getName() + " at an administrator's request");
                return new Result(existed, existed ? "Deleted branch " + branch + " of " + connection.getName() + "."
                        : "Branch " + branch + " of " + connection.getName() + " was already gone.");
            }
        } catch (IOException | DbBranchException e) {
            return new Result(false, "Could not delete branch " + branch + " of " + connectionAsked + ": " + e.getMessage());
        }
    }

    /** Why this controller may not delete {@code branch}; {@code null} when it may. */
    static String refusal(BranchInfo branch, String owner) {
        if (branch.labels() == null) {
            return "it carries no dbbranch labels, so dbbranch did not make it (delete it on the platform if you must)";
        }
        if (!owner.equals(branch.labels().owner())) {
            return "its labels name the owner " + branch.labels().owner() + ", not this controller (" + owner
                    + "); delete it there, or let its expiry pass";
        }
        return null;
    }
}
