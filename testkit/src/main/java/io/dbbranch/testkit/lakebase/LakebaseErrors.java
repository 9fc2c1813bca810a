package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.testkit.emulator.ApiFailure;
import java.util.UUID;

/** The Lakebase API's error answers, worded as the service words them. */
final class LakebaseErrors {
    private LakebaseErrors() {
    }

    static ApiFailure notFound(String resource) {
        return new ApiFailure(404, "NOT_FOUND", resource + " id not found [TraceId: " + UUID.randomUUID() + "]");
    }

    static ApiFailure invalid(String message) {
        return new ApiFailure(400, "INVALID_PARAMETER_VALUE", message);
    }

    static ApiFailure invalidState(String message) {
        return new ApiFailure(400, "INVALID_STATE", message);
    }

    /**
     * The project's branch limit, in the Databricks error model: HTTP 429 {@code RESOURCE_EXHAUSTED} (the SDK's
     * {@code ResourceExhausted}, a {@code TooManyRequests}) with a {@code google.rpc.QuotaFailure} detail naming the
     * project, which tells a quota from per-user rate limiting.
     */
    static ApiFailure branchLimit(String project, int limit) {
        ObjectNode violation = JsonNodeFactory.instance.objectNode().put("subject", "projects/" + project)
                .put("description", "branches per project: limit " + limit);
        ObjectNode quota = JsonNodeFactory.instance.objectNode().put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
        quota.putArray("violations").add(violation);
        return new ApiFailure(429, "RESOURCE_EXHAUSTED", "Project '" + project + "' has reached its limit of " + limit
                + " branches. Delete branches that are no longer needed and try again.",
                JsonNodeFactory.instance.arrayNode().add(quota));
    }

    /** The answer for what the emulator's point-in-time machinery refused or failed at, with its message. */
    static ApiFailure of(DbBranchException failure) {
        return switch (failure.code()) {
            case INVALID_REQUEST -> invalid(failure.getMessage());
            case NOT_FOUND -> new ApiFailure(404, "NOT_FOUND", failure.getMessage());
            case ALREADY_EXISTS -> new ApiFailure(409, "ALREADY_EXISTS", failure.getMessage());
            default -> new ApiFailure(500, "INTERNAL_ERROR", failure.getMessage());
        };
    }
}
