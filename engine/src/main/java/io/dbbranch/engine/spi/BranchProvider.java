package io.dbbranch.engine.spi;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The contract every database platform implements: Lakebase, Neon, any PostgreSQL server, and the
 * embedded local cluster. Implementations are thread-safe and report failures as {@link DbBranchException}
 * whose message says what was asked, what happened and what to do.
 *
 * <p>Callers normally use a {@code BranchLease}, which strings these calls together and always tears down.
 */
public interface BranchProvider extends AutoCloseable {

    /** A short name for logs and configuration: {@code local}, {@code postgres}, {@code lakebase}, {@code neon}. */
    String kind();

    Capabilities capabilities();

    /**
     * Creates a branch and returns as soon as the provider has accepted it (it may still be
     * {@link BranchState#CREATING}). If creation fails half-way, whatever was made is deleted before this throws.
     * A create retried after a transport failure adopts the branch only when its labels say it is ours.
     */
    BranchInfo createBranch(CreateBranchRequest request);

    /**
     * Waits until the branch and its compute accept connections, reporting what it waits for.
     *
     * @throws DbBranchException with {@code TIMEOUT} when {@code timeout} passes first
     */
    ConnectionDetails awaitReady(BranchInfo branch, Duration timeout, Progress progress);

    /** Mints a short-lived login for the branch, valid for {@code ttl} (within the capabilities' bounds). */
    Credential mintCredential(BranchInfo branch, ConnectionDetails connection, Duration ttl);

    /** Drops what {@link #mintCredential} made, if anything. Idempotent. */
    default void revokeCredential(BranchInfo branch, Credential credential) {
    }

    /** Looks a branch up by name; empty when there is none. */
    Optional<BranchInfo> findBranch(String name);

    /** Lists the branches whose names start with {@code namePrefix} (all branches for an empty prefix). */
    List<BranchInfo> listBranches(String namePrefix);

    /** Moves the branch's expiry (the dead-man's switch) to {@code expiresAt}. */
    void extendExpiry(BranchInfo branch, Instant expiresAt);

    /**
     * Deletes the branch and everything made for it. Idempotent.
     *
     * @return {@code true} if it existed and was deleted, {@code false} if it was already gone
     */
    boolean deleteBranch(BranchInfo branch);

    /**
     * The part of {@code branch}'s history that {@link PointInTime#isHistorical() historical} branches can start
     * from, so that a point outside it is refused before anything is created. Only meaningful when
     * {@link Capabilities#pointInTime()}; {@link HistoryWindow#UNKNOWN} when the provider cannot tell.
     */
    default HistoryWindow historyWindow(String branch) {
        return HistoryWindow.UNKNOWN;
    }

    /**
     * Restores {@code branch} in place to {@code point} of its own history, keeping its previous state as a new
     * branch named {@code preserveUnderName}; only where {@link Capabilities#replaceRestore()}. Connections to the
     * branch are dropped. Returns the restored branch, with the restore point used.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} when the provider cannot restore in place (the default)
     */
    default BranchInfo restoreInPlace(BranchInfo branch, PointInTime point, String preserveUnderName) {
        throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Restore branch '" + branch.name() + "' in place to " + point,
                "the " + kind() + " provider cannot replace a branch with its own past",
                "Restore into a new recovery branch instead (the default)");
    }

    /**
     * Whether {@link #resetFromParent} resets a branch in place (Neon's restore from the parent). Elsewhere a lease with
     * {@code onExists: reset} deletes the branch and branches the parent again under the same name.
     */
    default boolean resetsFromParent() {
        return false;
    }

    /**
     * Gives the existing {@code branch} the current state of {@code parent} in place: it keeps its name, id, endpoints,
     * roles and labels; its own data is gone. Connections to it are dropped. Only where {@link #resetsFromParent()}.
     *
     * @return the branch after the reset
     * @throws DbBranchException {@code INVALID_REQUEST} where the provider cannot (the default)
     */
    default BranchInfo resetFromParent(BranchInfo branch, String parent, Duration timeout, Progress progress) {
        throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Reset branch '" + branch.name() + "' to '" + parent + "'",
                "the " + kind() + " provider cannot reset a branch in place", "Delete the branch and branch the parent again");
    }

    /**
     * An owner's login to the existing branch {@code name} (usually a parent such as {@code main}), for changing it
     * in place: {@code migrateUpstream} migrates the parent through it. Empty where the provider cannot give one;
     * front ends then ask the user for the parent's connection.
     *
     * @param ttl how long the login must keep working, where the provider mints one
     */
    default Optional<ParentAccess> parentAccess(String name, Duration ttl) {
        return Optional.empty();
    }

    /**
     * Whether {@link #createBranch} honours {@link CreateBranchRequest#schemaOnly()} with a native schema-only branch
     * (Neon's {@code init_source: schema-only}). Others get schema-only branches by emptying a full one.
     */
    default boolean makesSchemaOnlyBranches() {
        return false;
    }

    /**
     * Slots shared by every process that reaches this provider's server, for a limit of live branches that holds
     * across processes (PostgreSQL: session advisory locks). Empty where the provider has none (Lakebase, Neon): the
     * capacity gate then counts the owner's live branches and waits on the service's own quota refusals.
     */
    default Optional<SharedSlots> sharedSlots() {
        return Optional.empty();
    }

    /** Releases HTTP clients, pools and connections. Does not delete branches. */
    @Override
    default void close() {
    }
}
