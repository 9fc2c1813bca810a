package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;

/** Looking up a branch the user named. */
final class Branches {
    private Branches() {
    }

    /** The branch of that name, or a {@code NOT_FOUND} failure that says how to see what exists. */
    static BranchInfo require(BranchProvider provider, String name, String asked) {
        return provider.findBranch(name).orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked,
                "there is no branch '" + name + "' on the " + provider.kind() + " provider",
                "See the existing ones with: dbbranch list"));
    }
}
