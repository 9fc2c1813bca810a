package io.dbbranch.engine.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.host.XfsLoopMount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** An XFS loop mount with reflink for a test, or the test skipped saying why there can be none here. */
final class XfsLoopMountForTests {
    /** XFS's smallest file system; the image is sparse, so it costs only what the test writes. */
    private static final long BYTES = 320L * 1024 * 1024;

    private XfsLoopMountForTests() {
    }

    static XfsLoopMount mountOrSkip() {
        Optional<String> unavailable = XfsLoopMount.unavailableBecause();
        assumeTrue(unavailable.isEmpty(), () -> "no XFS loop mount here: " + unavailable.orElse(""));
        try {
            return XfsLoopMount.create(Path.of("/var/tmp"), BYTES);
        } catch (IOException e) {
            assumeTrue(false, "no XFS loop mount here: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }
}
