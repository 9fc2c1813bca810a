package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.ExistingBranch;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.testkit.fixedname.FixedNameScenarioTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pull request's branch of a fixed name on Neon, against the emulator: {@code reset} is Neon's own restore from the
 * parent (the branch keeps its id); a foreign branch is one whose annotation names another owner.
 */
class NeonFixedNameTest extends FixedNameScenarioTests {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    private final NeonProvider provider = testbed.provider();

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected String parent() {
        return NeonEmulator.DEFAULT_BRANCH;
    }

    @Override
    protected String owner() {
        return NeonTestbed.OWNER;
    }

    @Override
    protected String prefix() {
        return "fx-";
    }

    @Override
    protected void checkReset(BranchInfo before, BranchLease reset) {
        assertThat(reset.origin()).isEqualTo(ExistingBranch.Origin.RESET);
        assertThat(reset.branch().id()).as("reset in place").isEqualTo(before.id());
        assertThat(testbed.requests("POST", before.id() + "/restore", "200")).as("Neon's restore from the parent").isEqualTo(1);
    }

    @Override
    protected void closeProvider() {
        provider.close();
    }
}
