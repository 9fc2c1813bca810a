package io.dbbranch.testkit.neon;

import io.dbbranch.testkit.crash.ProcessKillTests;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The process-kill scenario on the Neon emulator, at the lease's own boundaries (announced, ready with its password file,
 * the body). Boundaries inside the provider (the create sent, its operation pending, the role and endpoint made) need
 * {@code StepHooks} marks in {@code engine.neon}, which come with Neon's crash-proofing.
 */
class NeonProcessKillTest extends ProcessKillTests {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @Override
    protected String parent() {
        return NeonEmulator.DEFAULT_BRANCH;
    }

    @Override
    protected String prefix() {
        return "nkill-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet() + "-";
    }

    @Override
    protected List<String> boundaries() {
        return LEASE_BOUNDARIES;
    }

    @Override
    protected List<String> childOptions() {
        return List.of("provider=neon", "url=" + testbed.emulator.apiUrl(), "project=" + testbed.emulator.project(),
                "port=" + testbed.emulator.postgresPort());
    }

    @Override
    protected String childSecret() {
        return testbed.emulator.apiKey();
    }
}
