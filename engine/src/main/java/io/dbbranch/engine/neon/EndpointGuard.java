package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.util.List;

/**
 * Refuses endpoints that serve another branch than the one asked about. A peer's tool once handed out the parent's
 * connection URL when a lookup came back empty, and a build ran its migrations on {@code main}: nothing may
 * connect through an endpoint before this check.
 */
final class EndpointGuard {
    private EndpointGuard() {
    }

    /** @throws DbBranchException {@code PROVIDER_ERROR} when any endpoint reports another branch */
    static void requireServes(String branchId, List<NeonEndpoint> endpoints, String asked) {
        for (NeonEndpoint endpoint : endpoints) {
            if (!branchId.equals(endpoint.branchId())) {
                throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked, "Neon reported endpoint " + endpoint.id()
                                + " (" + endpoint.host() + ") for branch " + branchId + ", but the endpoint serves branch "
                                + endpoint.branchId() + "; refusing to use it, so that nothing runs against another branch",
                        "Report this to Neon with the ids; the new branch is deleted and nothing was run");
            }
        }
    }
}
