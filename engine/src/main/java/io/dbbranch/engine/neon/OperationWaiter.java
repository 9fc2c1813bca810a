package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.http.Sleeper;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for Neon to finish what a call started: its operations, then whatever state the caller needs. Polls at
 * the configured interval, reports what it waits for, and gives up with {@code TIMEOUT} at the deadline.
 */
final class OperationWaiter {
    private final NeonApi api;
    private final Duration interval;
    private final Sleeper sleeper;

    OperationWaiter(NeonApi api, Duration interval, Sleeper sleeper) {
        this.api = api;
        this.interval = interval;
        this.sleeper = sleeper;
    }

    /** A deadline {@code timeout} from now. */
    static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Waits until every operation has finished (or was skipped or cancelled).
     *
     * @throws DbBranchException {@code PROVIDER_ERROR} when one failed, {@code TIMEOUT} at the deadline
     */
    void awaitOperations(List<NeonOperation> operations, String asked, long deadline, Progress progress) {
        for (NeonOperation started : operations) {
            NeonOperation operation = started;
            for (int polls = 0; !operation.succeeded(); polls++) {
                if (operation.failed()) {
                    throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked, "Neon operation " + operation
                            + " failed: " + (operation.error() == null ? "no reason given" : operation.error()),
                            "Check the project's operations in the Neon console; try again later");
                }
                pause(asked, "operation " + operation.action() + " " + operation.id(), deadline, polls == 0 ? progress
                        : Progress.SILENT);
                operation = api.operation(operation.id());
            }
        }
    }

    /**
     * Polls {@code check} until it gives a value.
     *
     * @param waitingFor what is awaited, in words ("endpoint ep-x to become active")
     */
    <T> T until(String asked, String waitingFor, long deadline, Progress progress, Supplier<Optional<T>> check) {
        for (int polls = 0; ; polls++) {
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            pause(asked, waitingFor, deadline, polls == 0 ? progress : Progress.SILENT);
        }
    }

    /** Waits one interval, telling {@code progress} what for (callers pass it on the first pause only). */
    private void pause(String asked, String waitingFor, long deadline, Progress progress) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw DbBranchException.of(ErrorCode.TIMEOUT, asked, "gave up waiting for " + waitingFor,
                    "Neon may be slow or the operation stuck: check the project's operations in the Neon console, "
                            + "or raise the ready timeout");
        }
        progress.report("waiting for " + waitingFor);
        try {
            sleeper.sleep(Duration.ofNanos(Math.min(left, interval.toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted while waiting for " + waitingFor, e);
        }
    }
}
