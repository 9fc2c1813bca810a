package io.dbbranch.testkit.neon;

import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Instant;

/** Create requests of branches of {@code main} as the tests' owner makes them. */
final class NeonRequests {
    private NeonRequests() {
    }

    static CreateBranchRequest request(String name, Instant expiresAt) {
        Labels labels = new Labels(NeonTestbed.OWNER, "paging", "1", null, Instant.now(), expiresAt);
        return new CreateBranchRequest(name, NeonEmulator.DEFAULT_BRANCH, PointInTime.HEAD, expiresAt, labels);
    }
}
