package io.jenkins.plugins.dbbranch.lease;

import hudson.model.TaskListener;
import io.dbbranch.engine.spi.Progress;

/** Engine progress in a build's console, each line marked as ours. The engine never reports a secret. */
public final class ConsoleProgress {
    private ConsoleProgress() {
    }

    public static Progress to(TaskListener listener) {
        return message -> listener.getLogger().println("[dbbranch] " + message);
    }
}
