package io.dbbranch.testkit.lakebase;

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
