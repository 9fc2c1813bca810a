package io.dbbranch.testkit.neon;

import io.dbbranch.testkit.crash.ProcessKillTests;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The process-kill scenario on the Neon emulator: the lease announced; the create answered (the branch exists with our
 * labels in its annotation, its endpoint's operations still running); a login role made on the branch with its
 * credential, before the password file; ready with its password file; the body. A delete is one call (the branch takes
 * its roles and endpoints with it), so teardown has no boundary inside.
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
        return List.of("lease.requested", "neon.create.sent", "neon.credential.minted", "lease.ready", "lease.body");
    }

    @Override
    protected List<String> childOptions() {
        return List.of("provider=neon", "url=" + testbed.emulator.apiUrl(), "project=" + testbed.emulator.project(),
                "port=" + testbed.emulator.postgresPort());
    }

    @Override
    protected List<String> rolesLeft(String prefix, List<String> foreign) {
        return testServerRolesContaining(prefix, foreign);
    }

    @Override
    protected String childSecret() {
        return testbed.emulator.apiKey();
    }
}
