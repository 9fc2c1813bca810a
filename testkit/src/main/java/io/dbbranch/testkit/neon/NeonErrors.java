package io.dbbranch.testkit.neon;

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

    static ApiFailure locked() {
        return new ApiFailure(423, "LOCKED", "project already has running conflicting operations, scheduling of new "
                + "ones is prohibited");
    }

    static ApiFailure passwordStorageDisabled() {
        return new ApiFailure(412, "PASSWORD_STORAGE_DISABLED", "storing passwords is disabled for this project, "
                + "so the password cannot be revealed; reset it to get a new one");
    }
}
