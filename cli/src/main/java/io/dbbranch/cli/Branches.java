package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;

/** Looking up the branches a user named, and logging in to them for one command's work. */
final class Branches {
    /** How long the login of a command's own work (a migration, a diff) lives, within the provider's bounds. */
    private static final Duration WORK_TTL = Duration.ofMinutes(30);

    private Branches() {
    }

    /** The branch of that name, or a {@code NOT_FOUND} failure that says how to see what exists. */
    static BranchInfo require(BranchProvider provider, String name, String asked) {
        return provider.findBranch(name).orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked,
                "there is no branch '" + name + "' on the " + provider.kind() + " provider",
                "See the existing ones with: dbbranch list"));
    }

    /**
     * A login to {@code branch} as its own role (which owns everything in it), once it accepts connections. On
     * local and postgres this replaces the branch's previous token for new logins.
     */
    static MigrationTarget login(BranchProvider provider, BranchInfo branch, Duration readyTimeout, Progress progress) {
        ConnectionDetails connection = provider.awaitReady(branch, readyTimeout, progress);
        Credential credential = provider.mintCredential(branch, connection, workTtl(provider.capabilities()));
        return MigrationTarget.of(connection, credential).withLabel(branch.name());
    }

    /**
     * A login that owns {@code parent}'s objects where the provider gives one (the admin on local and postgres),
     * else the branch login {@link #login} gives.
     */
    static MigrationTarget ownerLogin(BranchProvider provider, BranchInfo parent, Duration readyTimeout, Progress progress) {
        return provider.parentAccess(parent.name(), WORK_TTL)
                .map(access -> MigrationTarget.of(access.connection(), access.credential()).withLabel(parent.name()))
                .orElseGet(() -> login(provider, parent, readyTimeout, progress));
    }

    private static Duration workTtl(Capabilities capabilities) {
        Duration ttl = WORK_TTL.compareTo(capabilities.maxCredentialTtl()) > 0 ? capabilities.maxCredentialTtl() : WORK_TTL;
        return ttl.compareTo(capabilities.minCredentialTtl()) < 0 ? capabilities.minCredentialTtl() : ttl;
    }
}
