package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's operations. An operation runs until it has been polled {@link NeonTuning#operationPolls()} times or
 * {@link NeonTuning#operationDuration()} has passed, whichever comes first; then its effect is applied once (a
 * branch becomes ready, a password takes effect) and it is {@code finished}, or {@code failed} when a fault said so
 * or the effect failed.
 */
final class NeonOperations {
    /** What finishing an operation does. */
    @FunctionalInterface
    interface Effect {
        Effect NONE = () -> { };

        void apply() throws Exception;
    }

    private static final class Operation {
        final String id;
        final String branchId;
        final String endpointId;
        final String action;
        final Instant created;
        final Instant due;
        final Effect effect;
        String failure;
        int pollsLeft;
        String status = "running";
        Instant updated;

        Operation(String branchId, String endpointId, String action, Instant created, Instant due, int polls,
                  Effect effect, String failure) {
            this.id = UUID.randomUUID().toString();
            this.branchId = branchId;
            this.endpointId = endpointId;
            this.action = action;
            this.created = created;
            this.updated = created;
            this.due = due;
            this.pollsLeft = polls;
            this.effect = effect;
            this.failure = failure;
        }
    }

    private final String project;
    private final NeonTuning tuning;
    private final Clock clock;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    NeonOperations(String project, NeonTuning tuning, Clock clock) {
        this.project = project;
        this.tuning = tuning;
        this.clock = clock;
    }

    /**
     * Starts an operation.
     *
     * @param failure when not null, the operation ends {@code failed} with this error instead of applying its effect
     */
    ObjectNode start(String branchId, String endpointId, String action, Effect effect, String failure) {
        Instant now = clock.instant();
        Operation operation = new Operation(branchId, endpointId, action, now, now.plus(tuning.operationDuration()),
                tuning.operationPolls(), effect, failure);
        operations.put(operation.id, operation);
        return look(operation, false);
    }

    /** The operation, counting this look as a poll; empty when there is none of that id. */
    Optional<ObjectNode> poll(String id) {
        return Optional.ofNullable(operations.get(id)).map(operation -> look(operation, true));
    }

    /** Whether an operation on the branch is still running (the reason for 423 Locked). */
    boolean runningOn(String branchId) {
        for (Operation operation : new ArrayList<>(operations.values())) {
            if (operation.branchId.equals(branchId) && "running".equals(look(operation, false).path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Finishes the operations whose time has come although nobody polled them. */
    void finishOverdue() {
        operations.values().forEach(operation -> look(operation, false));
    }

    /** Forgets the operations of a deleted branch that have ended. */
    void forget(String branchId) {
        operations.values().removeIf(o -> o.branchId.equals(branchId) && !"running".equals(o.status));
    }

    private ObjectNode look(Operation operation, boolean poll) {
        synchronized (operation) {
            if (poll && operation.pollsLeft > 0) {
                operation.pollsLeft--;
            }
            Instant now = clock.instant();
            if ("running".equals(operation.status) && (operation.pollsLeft <= 0 || !now.isBefore(operation.due))) {
                finish(operation);
                operation.updated = now;
            }
            return json(operation);
        }
    }

    private static void finish(Operation operation) {
        if (operation.failure != null) {
            operation.status = "failed";
            return;
        }
        try {
            operation.effect.apply();
            operation.status = "finished";
        } catch (Exception e) {
            operation.status = "failed";
            operation.failure = e.getMessage();
        }
    }

    private ObjectNode json(Operation operation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("id", operation.id)
                .put("project_id", project)
                .put("branch_id", operation.branchId);
        if (operation.endpointId != null) {
            node.put("endpoint_id", operation.endpointId);
        }
        node.put("action", operation.action).put("status", operation.status);
        if ("failed".equals(operation.status)) {
            node.put("error", operation.failure);
        }
        return node.put("failures_count", "failed".equals(operation.status) ? 1 : 0)
                .put("created_at", operation.created.toString())
                .put("updated_at", operation.updated.toString())
                .put("total_duration_ms", operation.updated.toEpochMilli() - operation.created.toEpochMilli());
    }
}
