package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.lease.TeardownResult;
import io.jenkins.plugins.dbbranch.credentials.MaskingConsoleFilter;
import io.jenkins.plugins.dbbranch.lease.BranchRequest;
import io.jenkins.plugins.dbbranch.lease.LeaseHandle;
import io.jenkins.plugins.dbbranch.lease.LeaseOpener;
import io.jenkins.plugins.dbbranch.lease.LiveLeases;
import io.jenkins.plugins.dbbranch.lease.SlotWait;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code withDbBranch}: opens the lease off the CPS thread, runs the body with the branch's environment and
 * masking, and tears down when the body ends (in the body callback), when the step is stopped, or — after a controller
 * restart it could not survive — by deleting the branch. What it saves is a {@link LeaseHandle}: no secret.
 */
final class WithDbBranchExecution extends GeneralNonBlockingStepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(WithDbBranchExecution.class.getName());

    /** Where the step is, so that a restart knows what to do. */
    enum Phase { OPENING, IN_BODY, CLOSING, DONE }

    private final BranchRequest request;
    private volatile LeaseHandle handle;
    private volatile BodyExecution body;
    private volatile Phase phase = Phase.OPENING;

    WithDbBranchExecution(BranchRequest request, StepContext context) {
        super(context);
        this.request = request;
    }

    @Override
    public boolean start() {
        run(this::open);
        return false;
    }

    private void open() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars environment = context.get(EnvVars.class);
        FilePath workspace = context.get(FilePath.class);
        LeaseHandle opened = LeaseOpener.open(request, "withDbBranch", run, environment != null ? environment : new EnvVars(),
                workspace, listener);
        if (Thread.interrupted()) {
            // Stopped while the lease was opening: the step has failed already; do not leave the branch behind.
            opened.close(new AbortException("stopped"), run, workspace, listener);
            throw new InterruptedException("withDbBranch was stopped while its branch was being made");
        }
        handle = opened;
        phase = Phase.IN_BODY;
        body = context.newBodyInvoker()
                .withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new BranchEnvironment(opened)))
                .withContext(BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                        new MaskingConsoleFilter(run.getExternalizableId(), opened.masks(), run.getCharset())))
                .withCallback(new Callback())
                .start();
    }

    /** Tears the lease down with the step's own context objects. */
    private TeardownResult close(@CheckForNull Throwable bodyFailure) throws Exception {
        StepContext context = getContext();
        try {
            return handle.close(bodyFailure, context.get(Run.class), context.get(FilePath.class), context.get(TaskListener.class));
        } finally {
            phase = Phase.DONE;
        }
    }

    /** Ends the step when the body ends: teardown first, off the CPS thread. */
    private final class Callback extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        @Override
        public void onSuccess(StepContext context, Object result) {
            phase = Phase.CLOSING;
            run(() -> {
                TeardownResult teardown = close(null);
                if (teardown.failure() != null) {
                    throw new AbortException(teardown.failure().getMessage());
                }
                context.onSuccess(result);
            });
        }

        @Override
        public void onFailure(StepContext context, Throwable failure) {
            phase = Phase.CLOSING;
            run(() -> {
                try {
                    close(failure);
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
                context.onFailure(failure);
            });
        }
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        LeaseHandle current = handle;
        if (current != null && phase != Phase.DONE) {
            // Stopped while no body ran (opening, or tearing down): make sure the branch goes.
            closeInBackground(cause);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        super.onResume(); // fails the step if the restart cut opening or teardown short
        if (handle == null) {
            return;
        }
        if (phase == Phase.IN_BODY) {
            resumeInBackground();
        } else if (phase != Phase.DONE) {
            closeInBackground(new AbortException("the controller restarted while the branch was being torn down"));
        }
    }

    private void resumeInBackground() {
        LeaseHandle current = handle;
        CompletableFuture<Void> resumed = new CompletableFuture<>();
        LiveLeases.resuming(current.key(), resumed);
        Timer.get().submit(() -> {
            try {
                StepContext context = getContext();
                LeaseOpener.resume(current, context.get(Run.class), context.get(FilePath.class), context.get(TaskListener.class));
                resumed.complete(null);
            } catch (Exception e) {
                resumed.completeExceptionally(e);
                AbortException lost = new AbortException("The database branch " + current.branch()
                        + " could not be taken over again after the controller restarted: " + e.getMessage());
                BodyExecution running = body;
                if (running == null || !running.cancel(lost)) {
                    getContext().onFailure(lost);
                }
            }
        });
    }

    private void closeInBackground(Throwable cause) {
        Timer.get().submit(() -> {
            try {
                close(cause);
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Could not tear down database branch " + handle.branch(), e);
            }
        });
    }

    @NonNull
    @Override
    public String getStatus() {
        LeaseHandle current = handle;
        return (current == null ? opening() : "branch " + current.branch() + " (" + phase.name().toLowerCase(java.util.Locale.ROOT) + ")")
                + "; " + super.getStatus();
    }

    /** "making a branch", or where the build waits in its connection's queue for a branch slot. */
    private String opening() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            return run == null ? "making a branch" : SlotWait.of(request.connection(), run).orElse("making a branch");
        } catch (IOException e) {
            return "making a branch";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "making a branch";
        }
    }
}
