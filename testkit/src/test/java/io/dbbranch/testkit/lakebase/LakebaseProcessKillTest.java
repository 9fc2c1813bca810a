package io.dbbranch.testkit.lakebase;

import io.dbbranch.testkit.crash.ProcessKillTests;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-kill scenario on the Lakebase emulator, at the lease's own boundaries (announced, ready with its password
 * file, the body). Boundaries inside the provider (the create sent, its operation pending) need {@code StepHooks} marks
 * in {@code engine.lakebase}, which come with Lakebase's crash-proofing. Lakebase branches carry no owner: the other
 * owner's branch survives because it is live (its native expiry is after the reaper's pass).
 */
class LakebaseProcessKillTest extends ProcessKillTests {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private final String prefix = "lbkill-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet() + "-";

    @Override
    protected String parent() {
        return "main";
    }

    @Override
    protected String prefix() {
        return prefix;
    }

    @Override
    protected List<String> boundaries() {
        return LEASE_BOUNDARIES;
    }

    @Override
    protected List<String> childOptions() {
        LakebaseEmulator emulator = TestLakebase.emulator();
        return List.of("provider=lakebase", "url=" + emulator.workspaceUrl(), "project=" + emulator.project(),
                "client=" + emulator.identities().clientId(), "port=" + emulator.postgresPort(), "prefix=" + prefix);
    }

    @Override
    protected String childSecret() {
        return TestLakebase.emulator().identities().clientSecret();
    }
}
