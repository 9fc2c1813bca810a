package io.dbbranch.testkit.lakebase;

import io.dbbranch.testkit.crash.ProcessKillTests;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-kill scenario on the Lakebase emulator: the lease announced; the create sent (its operation still running:
 * the branch exists with our prefix and its native expiry, nothing else); the operation done; ready with its password
 * file; the body. A delete is one call, so teardown has no boundary inside. Lakebase branches carry no owner: the other
 * owner's branch of the prefix survives because it is live (its native expiry is after the reaper's pass).
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
        return List.of("lease.requested", "lakebase.create.sent", "lakebase.create.done", "lease.ready", "lease.body");
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
