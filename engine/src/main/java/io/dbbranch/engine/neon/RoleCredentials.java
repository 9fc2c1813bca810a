package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.neon.NeonBodies.RoleOperations;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Logins for leases: one Neon role per branch ({@code <prefix><branch name>}), made on the branch at the first mint and
 * dropped at teardown (deleting the branch would drop it anyway).
 *
 * <p>Neon passwords are not JWTs and do not expire by themselves: a password works until the role is dropped, its
 * password reset, or the branch deleted (its own {@code expires_at} bounds its life). The {@link Credential#expiresAt()}
 * handed out is therefore a promise, not a server-enforced limit: the branch's expiry or the requested TTL, whichever
 * is sooner. Re-minting keeps the role (so {@code PGUSER} stays the same) and either hands out its current password
 * again, or resets it when {@link NeonConfig#rotatePasswordOnRefresh()} is set.
 */
final class RoleCredentials {
    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(5);

    private final NeonApi api;
    private final NeonConfig config;
    private final OperationWaiter waiter;
    private final Clock clock;
    private final System.Logger log = System.getLogger(RoleCredentials.class.getName());

    RoleCredentials(NeonApi api, NeonConfig config, OperationWaiter waiter, Clock clock) {
        this.api = api;
        this.config = config;
        this.waiter = waiter;
        this.clock = clock;
    }

    Credential mint(BranchInfo branch, Duration ttl, Progress progress) {
        String role = config.roleFor(branch.name());
        String asked = "Mint a login for Neon branch '" + branch.name() + "' (" + branch.id() + ") as role " + role;
        NeonBranch current = api.getBranch(branch.id()).map(NeonBodies.BranchWithAnnotation::branch)
                .orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked, "the branch no longer exists",
                        "It may have expired or been deleted; start a new lease"));
        long deadline = OperationWaiter.deadline(OPERATION_TIMEOUT);
        Secret password = api.getRole(branch.id(), role).isPresent()
                ? existingRolePassword(branch.id(), role, asked, deadline, progress)
                : newRolePassword(branch.id(), role, asked, deadline, progress);
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        if (current.expiresAt() != null && current.expiresAt().isBefore(expiresAt)) {
            expiresAt = current.expiresAt();
        }
        return new Credential(role, password, expiresAt, true);
    }

    /** Drops the lease's role; nothing to do when it (or the branch) is gone already. */
    void revoke(BranchInfo branch, Credential credential) {
        Optional<RoleOperations> dropped = api.deleteRole(branch.id(), credential.user());
        // Waiting lets the branch delete that follows start at once instead of meeting 423 Locked.
        dropped.ifPresent(done -> waiter.awaitOperations(done.operations(), "Drop role " + credential.user()
                + " of Neon branch " + branch.id(), OperationWaiter.deadline(OPERATION_TIMEOUT), Progress.SILENT));
    }

    private Secret newRolePassword(String branchId, String role, String asked, long deadline, Progress progress) {
        RoleOperations created;
        try {
            created = api.createRole(branchId, role);
        } catch (ApiException e) {
            if (e.outcomeUnknown() || e.isStatus(409)) {
                // It may have been made without our hearing of it: it is ours either way (our name, our branch).
                return existingRolePassword(branchId, role, asked, deadline, progress);
            }
            throw e;
        }
        waiter.awaitOperations(created.operations(), asked, deadline, progress);
        String password = created.role() == null ? null : created.role().password();
        return password == null || password.isEmpty() ? existingRolePassword(branchId, role, asked, deadline, progress)
                : Secret.of(password);
    }

    private Secret existingRolePassword(String branchId, String role, String asked, long deadline, Progress progress) {
        if (config.rotatePasswordOnRefresh()) {
            return reset(branchId, role, asked, deadline, progress);
        }
        try {
            return Secret.of(api.revealPassword(branchId, role).password());
        } catch (ApiException e) {
            if (!e.isStatus(412)) {
                throw e;
            }
            // The project does not store passwords (a project setting): only a reset can tell us one.
            String note = "Neon project " + api.projectId() + " does not store role passwords (reveal_password answered"
                    + " 412), so the password of " + role + " is reset instead; Neon drops the branch's open connections"
                    + " when it applies the new one";
            log.log(System.Logger.Level.INFO, note);
            progress.report(note);
            return reset(branchId, role, asked, deadline, progress);
        }
    }

    private Secret reset(String branchId, String role, String asked, long deadline, Progress progress) {
        RoleOperations reset = api.resetPassword(branchId, role);
        waiter.awaitOperations(reset.operations(), asked, deadline, progress);
        String password = reset.role() == null ? null : reset.role().password();
        if (password == null || password.isEmpty()) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked, "Neon reset the password of " + role
                    + " but did not return it, and the project does not store passwords to reveal",
                    "Enable password storage for the project in the Neon console (Settings), or report this to Neon");
        }
        return Secret.of(password);
    }
}
