package io.jenkins.plugins.dbbranch;

import hudson.AbortException;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;

/**
 * Checks a branch with the user's {@code verify} query before anything relies on it.
 *
 * <p>SEAM(restore): the check is the engine's restore verification ({@code io.dbbranch.engine.restore}); until that
 * package is part of the engine this plugin is built with, asking for a verification fails with a message that says so.
 */
public final class BranchVerification {
    private BranchVerification() {
    }

    /** Runs {@code query} on the branch; fails unless it returns true. */
    public static String verify(ConnectionDetails connection, Credential credential, String query, Progress progress)
            throws AbortException {
        throw new AbortException("verify: this build of the plugin does not include the engine's verification "
                + "(io.dbbranch.engine.restore); use a release that includes it, or check the branch in the body");
    }
}
