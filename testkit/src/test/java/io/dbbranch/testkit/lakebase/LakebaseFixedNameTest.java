package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.testkit.fixedname.FixedNameScenarioTests;

/**
 * A pull request's branch of a fixed name on Lakebase, against the emulator. Lakebase has no reset of a branch to its
 * parent (the SDK's {@code postgres} service has none), so {@code reset} deletes and branches again; its branches carry
 * no labels, so ours are told by the configured name prefix, a foreign one is a branch without it, and the reaper
 * cannot tell a branch's pull request (it keeps such branches until their expiry).
 */
class LakebaseFixedNameTest extends FixedNameScenarioTests {
    private final LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build());
    private final String prefix = TestLakebase.name("fx") + "-";

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected String parent() {
        return LakebaseEmulator.DEFAULT_BRANCH;
    }

    @Override
    protected String owner() {
        return "test-owner";
    }

    @Override
    protected String prefix() {
        return prefix;
    }

    @Override
    protected String foreignName() {
        return "other-" + prefix + "branch";
    }

    @Override
    protected boolean labelsPullRequests() {
        return false;
    }

    @Override
    protected void closeProvider() {
        provider.close();
        TestLakebase.reset();
    }
}
