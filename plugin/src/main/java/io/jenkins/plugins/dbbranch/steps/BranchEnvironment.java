package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import io.jenkins.plugins.dbbranch.lease.LeaseHandle;
import io.jenkins.plugins.dbbranch.lease.LiveLeases;
import java.time.Duration;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The branch's variables inside {@code withDbBranch}. The secret ones are never persisted with the Pipeline: they
 * come from the live lease each time a step asks, with the credential in force at that moment (so processes started
 * late in a long build get a token that still works). Right after a controller restart, asking waits for the step
 * to take its lease over again.
 */
final class BranchEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;
    private static final Duration RESUME_WAIT = Duration.ofMinutes(2);

    private final LeaseHandle handle;

    BranchEnvironment(LeaseHandle handle) {
        this.handle = handle;
    }

    @Override
    public void expand(@NonNull EnvVars env) throws InterruptedException {
        LiveLeases.awaitResumed(handle.key(), RESUME_WAIT);
        env.overrideAll(handle.variables());
    }

    @NonNull
    @Override
    public Set<String> getSensitiveVariables() {
        return Set.copyOf(handle.secretNames());
    }
}
