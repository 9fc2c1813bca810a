package io.dbbranch.testkit.lakebase;

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
}
