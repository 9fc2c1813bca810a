package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Long-running operations. An operation is done after it has been polled a given number of times or after a
 * given time, whichever comes first (so a client that lost the operation's name still sees its branch become
 * ready); then its outcome is computed once (marking the branch ready, or failing as injected).
 */
final class OperationStore {
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Clock clock;

    OperationStore(Clock clock) {
        this.clock = clock;
    }

    /** What finishing an operation does and yields: the response resource, or {@code null} when it failed. */
    interface Outcome extends Supplier<ObjectNode> {
    }

    private static final class Operation {
        final String name;
        final Outcome outcome;
        final String failure;
        final Instant finishAt;
        int pollsLeft;
        boolean done;
        ObjectNode response;

        Operation(String name, int polls, Instant finishAt, Outcome outcome, String failure) {
            this.name = name;
            this.finishAt = finishAt;
            this.pollsLeft = polls;
            this.outcome = outcome;
            this.failure = failure;
        }
    }

    /**
     * Starts an operation on {@code resource} that finishes after {@code polls} looks (0: finished at once) or
     * after {@code duration}.
     *
     * @param failure when not null, the operation ends with this error message instead of running the outcome
     */
    ObjectNode start(String resource, int polls, Duration duration, Outcome outcome, String failure) {
        Operation operation = new Operation(resource + "/operations/" + UUID.randomUUID(), polls,
                clock.instant().plus(duration), outcome, failure);
        operations.put(operation.name, operation);
        return look(operation, false);
    }

    /** The operation's current state, counting this as one poll; {@code null} when there is none of that name. */
    ObjectNode poll(String name) {
        Operation operation = operations.get(name);
        return operation == null ? null : look(operation, true);
    }

    /** Finishes the operations whose time has come; called whenever a client looks at branches. */
    void settle() {
        operations.values().forEach(operation -> look(operation, false));
    }

    private ObjectNode look(Operation operation, boolean counts) {
        synchronized (operation) {
            if (counts && operation.pollsLeft > 0) {
                operation.pollsLeft--;
            }
            if (!operation.done && (operation.pollsLeft <= 0 || !clock.instant().isBefore(operation.finishAt))) {
                operation.done = true;
                operation.response = operation.failure == null ? operation.outcome.get() : null;
            }
            ObjectNode node = JsonNodeFactory.instance.objectNode()
                    .put("name", operation.name)
                    .put("done", operation.done);
            node.putObject("metadata").put("@type", "type.googleapis.com/databricks.postgres.v1.BranchOperationMetadata");
            if (operation.done && operation.failure != null) {
                node.putObject("error").put("error_code", "INTERNAL_ERROR").put("message", operation.failure);
            } else if (operation.done && operation.response != null) {
                node.set("response", operation.response);
            }
            return node;
        }
    }
}
