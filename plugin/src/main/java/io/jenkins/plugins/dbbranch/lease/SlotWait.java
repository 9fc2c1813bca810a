package io.jenkins.plugins.dbbranch.lease;

import hudson.AbortException;
import hudson.model.Run;
import io.dbbranch.engine.capacity.BranchSlots;
import io.dbbranch.engine.capacity.QueueSnapshot;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import java.util.Optional;

/**
 * Where a build waiting for a branch slot stands in its connection's queue, for the step's status ("waiting for a
 * branch slot on lakebase-prod: 3 builds ahead"); the console hears the same from the engine as the line moves.
 */
public final class SlotWait {
    private SlotWait() {
    }

    /** The build's place in the queue of {@code connection} (its name as the step gave it), empty when it does not wait. */
    public static Optional<String> of(String connection, Run<?, ?> run) {
        String name;
        try {
            name = DbBranchConfiguration.get().resolve(connection).getName();
        } catch (AbortException e) {
            return Optional.empty(); // The step itself says what is wrong with the connection.
        }
        String waiter = waiterName(run);
        QueueSnapshot queue = BranchSlots.forConnection(name).snapshot();
        return queue.waiters().stream().filter(entry -> entry.who().equals(waiter)).findFirst().map(entry -> {
            int ahead = entry.position() - 1;
            return "waiting for a branch slot on " + name + ": " + (ahead == 0 ? "next in line"
                    : ahead + (ahead == 1 ? " build" : " builds") + " ahead");
        });
    }

    /** How a build names itself in the queue: as the engine's lease names its waiter, job and number. */
    static String waiterName(Run<?, ?> run) {
        return run.getParent().getFullName() + " #" + run.getNumber();
    }
}
