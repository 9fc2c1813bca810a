package io.dbbranch.testkit.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.testkit.emulator.ApiFailure;

/** The errors the Neon API answers with, rendered {@code {"code", "message"}} by the server's error style. */
final class NeonErrors {
    private NeonErrors() {
    }

    static ApiFailure notFound(String message) {
        return new ApiFailure(404, "NOT_FOUND", message);
    }

    static ApiFailure invalid(String message) {
        return new ApiFailure(400, "BAD_REQUEST", message);
    }

    /** The answer for what the emulator's point-in-time machinery refused or failed at, with its message. */
    static ApiFailure of(DbBranchException failure) {
        return switch (failure.code()) {
            case INVALID_REQUEST -> invalid(failure.getMessage());
            case NOT_FOUND -> notFound(failure.getMessage());
            case ALREADY_EXISTS -> new ApiFailure(409, "CONFLICT", failure.getMessage());
            default -> new ApiFailure(500, "INTERNAL_ERROR", failure.getMessage());
        };
    }

    /**
     * The plan's branch limit: HTTP 422 {@code BRANCHES_LIMIT_EXCEEDED}, as Neon answers a create over it (reported by
     * users of the API and handled by name in Neon's own tooling; the OpenAPI description leaves error codes open).
     */
    static ApiFailure branchesLimit(int limit) {
        return new ApiFailure(422, "BRANCHES_LIMIT_EXCEEDED", "number of branches exceeds the limit of " + limit
                + " for this project");
    }

    static ApiFailure locked() {
        return new ApiFailure(423, "LOCKED", "project already has running conflicting operations, scheduling of new "
                + "ones is prohibited");
    }

    static ApiFailure passwordStorageDisabled() {
        return new ApiFailure(412, "PASSWORD_STORAGE_DISABLED", "storing passwords is disabled for this project, "
                + "so the password cannot be revealed; reset it to get a new one");
    }
}
