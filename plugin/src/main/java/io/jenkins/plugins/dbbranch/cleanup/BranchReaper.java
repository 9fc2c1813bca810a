package io.jenkins.plugins.dbbranch.cleanup;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.concurrent.TimeUnit;
import jenkins.util.SystemProperties;

/**
 * Deletes orphaned branches every 15 minutes (system property
 * {@code io.jenkins.plugins.dbbranch.cleanup.BranchReaper.minutes}): those of builds that are over and those whose
 * expiry passed, on every connection, as long as their labels name this controller. Its log is in
 * {@code $JENKINS_HOME/logs/tasks/Database branch reaper.log}.
 */
@Extension
public final class BranchReaper extends AsyncPeriodicWork {
    private static final long MINUTES = SystemProperties.getLong(BranchReaper.class.getName() + ".minutes", 15L);

    public BranchReaper() {
        super("Database branch reaper");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(Math.max(1, MINUTES));
    }

    @Override
    protected void execute(TaskListener listener) {
        ReaperPass.run(listener);
    }
}
