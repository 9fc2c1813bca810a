package io.jenkins.plugins.dbbranch.cleanup;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.util.LogTaskListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * After a controller start (once jobs are loaded, so that builds interrupted by the stop are known to be over), one
 * reaper pass deletes what a crash left behind, in the background so that start-up does not wait for the platforms.
 */
public final class StartupSweep {
    private static final Logger LOGGER = Logger.getLogger(StartupSweep.class.getName());

    private StartupSweep() {
    }

    @Initializer(after = InitMilestone.JOB_LOADED)
    public static void sweep() {
        Timer.get().submit(() -> {
            try {
                ReaperPass.run(new LogTaskListener(LOGGER, Level.INFO));
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "The start-up sweep of database branches failed", e);
            }
        });
    }
}
