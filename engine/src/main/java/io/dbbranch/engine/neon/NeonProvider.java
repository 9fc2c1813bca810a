package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.Sleeper;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.HistoryWindow;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.spi.RestorePoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Branches on Neon: copy-on-write branches of a project, each created with one read-write endpoint, an expiry Neon
 * enforces by itself ({@code expires_at}, at most 30 days ahead), and our labels as its annotation. Logins are a
 * role per branch made through the API (see {@link RoleCredentials} for what their expiry means on Neon).
 *
 * <p>Safety: nothing connects through an endpoint that reports another branch than the one just created, and a create
 * that fails half-way deletes what it made before it throws.
 *
 * <p><b>Point in time.</b> A branch of the past is created with {@code parent_timestamp} or {@code parent_lsn}, and
 * reports the point in its own {@code parent_timestamp}/{@code parent_lsn}; the history window is the project's
 * {@code history_retention_seconds}. A branch is restored in place through {@code …/restore} with
 * {@code preserve_under_name}: it takes its own past state, and its present state is kept as a new branch of that
 * name.
 *
 * <p><b>No {@link #parentAccess}.</b> Migrating a parent needs a login that owns its objects. A role made through the
 * API is not that owner (it belongs to {@code neon_superuser}, which cannot alter another role's tables), and the
 * owner's password is a long-lived secret: revealing it would hand a production owner's login that never expires to a
 * build, and where the project stores no passwords the only way is to reset it, which would cut the application off.
 * {@code migrateUpstream} on Neon therefore takes the parent's connection explicitly.
 */
public final class NeonProvider implements BranchProvider {
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, BranchName.MAX_LENGTH,
            Duration.ofSeconds(2), Duration.ofDays(1), BranchCreator.MAX_EXPIRY);
    /** How long an in-place restore may take until Neon has finished its operations. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);

    private final NeonConfig config;
    private final NeonApi api;
    private final BranchFinder finder;
    private final BranchCreator creator;
    private final OperationWaiter waiter;
    private final RoleCredentials credentials;
    private final Clock clock;
    private final ExpirySupport expirySupport = new ExpirySupport();
    /** The operations each branch we created still had running, by branch id, until {@link #awaitReady} saw them end. */
    private final Map<String, List<NeonOperation>> pendingOperations = new ConcurrentHashMap<>();

    public NeonProvider(NeonConfig config) {
        this(config, Sleeper.REAL, Clock.systemUTC());
    }

    NeonProvider(NeonConfig config, Sleeper sleeper, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.api = new NeonApi(new RestClient(config.apiUrl(), config.http()), config);
        this.finder = new BranchFinder(api);
        this.waiter = new OperationWaiter(api, config.pollInterval(), sleeper);
        this.creator = new BranchCreator(api, finder, clock, expirySupport);
        this.credentials = new RoleCredentials(api, config, waiter, clock);
    }

    @Override
    public String kind() {
        return "neon";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public BranchInfo createBranch(CreateBranchRequest request) {
        BranchCreator.Outcome outcome = creator.create(request);
        StepHooks.reached("neon.create.sent");
        NeonBranch branch = outcome.branch();
        try {
            List<NeonEndpoint> endpoints = outcome.endpoints().isEmpty() ? api.endpoints(branch.id()) : outcome.endpoints();
            EndpointGuard.requireServes(branch.id(), endpoints, "Create Neon branch '" + request.name() + "'");
            pendingOperations.put(branch.id(), outcome.operations());
            return NeonBranches.info(branch, outcome.annotation());
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(branch, e);
            throw e;
        }
    }

    @Override
    public ConnectionDetails awaitReady(BranchInfo branch, Duration timeout, Progress progress) {
        String asked = "Wait for Neon branch '" + branch.name() + "' (" + branch.id() + ") to accept connections";
        long deadline = OperationWaiter.deadline(timeout);
        List<NeonOperation> operations = pendingOperations.getOrDefault(branch.id(), List.of());
        waiter.awaitOperations(operations, asked, deadline, progress);
        pendingOperations.remove(branch.id());
        waiter.until(asked, "branch " + branch.id() + " to become ready", deadline, progress, () -> {
            NeonBranch current = api.getBranch(branch.id()).map(NeonBodies.BranchWithAnnotation::branch)
                    .orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked, "the branch no longer exists",
                            "It may have been deleted by someone else, or have expired"));
            return current.isReady() ? Optional.of(current) : Optional.<NeonBranch>empty();
        });
        NeonEndpoint endpoint = waiter.until(asked, "a read-write endpoint of " + branch.id() + " to become active",
                deadline, progress, () -> readWriteEndpoint(branch.id(), asked));
        Map<String, String> extras = endpoint.pooledHost().map(host -> Map.of("PGHOST_POOLED", host)).orElse(Map.of());
        int port = endpoint.port() == null ? config.port() : endpoint.port();
        return new ConnectionDetails(endpoint.host(), port, config.databaseFor(branch.id()), config.sslMode(), extras);
    }

    private Optional<NeonEndpoint> readWriteEndpoint(String branchId, String asked) {
        List<NeonEndpoint> endpoints = api.endpoints(branchId);
        EndpointGuard.requireServes(branchId, endpoints, asked);
        return endpoints.stream().filter(NeonEndpoint::isReadWrite).filter(NeonEndpoint::acceptsConnections).findFirst();
    }

    @Override
    public Credential mintCredential(BranchInfo branch, ConnectionDetails connection, Duration ttl) {
        if (ttl.compareTo(CAPABILITIES.minCredentialTtl()) < 0 || ttl.compareTo(CAPABILITIES.maxCredentialTtl()) > 0) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Mint a login for Neon branch '" + branch.name()
                            + "' valid for " + ttl.toSeconds() + " s", "the lifetime must be between "
                            + CAPABILITIES.minCredentialTtl().toSeconds() + " s and " + CAPABILITIES.maxCredentialTtl().toHours()
                            + " h", "Choose a lifetime in that range");
        }
        Credential credential = credentials.mint(branch, ttl, Progress.SILENT);
        StepHooks.reached("neon.credential.minted");
        return credential;
    }

    /** Neon makes schema-only branches itself ({@code init_source: schema-only}, in beta). */
    @Override
    public boolean makesSchemaOnlyBranches() {
        return true;
    }

    @Override
    public void revokeCredential(BranchInfo branch, Credential credential) {
        credentials.revoke(branch, credential);
    }

    @Override
    public Optional<BranchInfo> findBranch(String name) {
        return finder.byName(name).map(found -> NeonBranches.info(found.branch(), found.annotation()));
    }

    @Override
    public List<BranchInfo> listBranches(String namePrefix) {
        return finder.withPrefix(namePrefix).stream()
                .map(found -> NeonBranches.info(found.branch(), found.annotation())).toList();
    }

    @Override
    public void extendExpiry(BranchInfo branch, Instant expiresAt) {
        String asked = "Move the expiry of Neon branch '" + branch.name() + "' (" + branch.id() + ") to " + expiresAt;
        Instant truncated = creator.checkedExpiry(expiresAt, asked);
        if (expirySupport.refused()) {
            return; // the project takes no expires_at: the annotation's expiry stands (see ExpirySupport)
        }
        try {
            api.updateExpiry(branchId(branch), truncated, asked);
        } catch (ApiException e) {
            if (!ExpirySupport.refuses(e)) {
                throw e;
            }
            expirySupport.markRefused(asked, e);
        }
    }

    @Override
    public boolean deleteBranch(BranchInfo branch) {
        pendingOperations.remove(branch.id());
        String id = branchId(branch);
        if (id == null) {
            return false;
        }
        return api.deleteBranch(id, "Delete Neon branch '" + branch.name() + "' (" + id + ")").isPresent();
    }

    /**
     * Restores branch {@code target} to {@code source}'s state at {@code at} (its head, a moment, or an LSN), keeping
     * the target's previous state as a new branch named {@code preserveUnderName} (required when restoring a branch
     * from its own history), and waits until Neon has finished.
     *
     * @return the restored branch
     */
    public BranchInfo restore(String target, String source, PointInTime at, String preserveUnderName, Duration timeout,
                              Progress progress) {
        String asked = "Restore Neon branch '" + target + "' to '" + source + "' at " + at
                + (preserveUnderName == null ? "" : ", keeping its current state as '" + preserveUnderName + "'");
        NeonBranch targetBranch = finder.resolve(target, asked);
        NeonBranch sourceBranch = finder.resolve(source, asked);
        if (preserveUnderName != null) {
            BranchName.validate(preserveUnderName);
        } else if (targetBranch.id().equals(sourceBranch.id())) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "restoring a branch from its own history replaces it",
                    "Name the branch its current state is kept under (preserve under name)");
        }
        Instant timestamp = at instanceof PointInTime.AtTime time ? time.time().truncatedTo(ChronoUnit.MICROS) : null;
        String lsn = at instanceof PointInTime.AtLsn position ? position.lsn() : null;
        NeonBodies.BranchOperations restored = api.restore(targetBranch.id(),
                new NeonBodies.Restore(sourceBranch.id(), timestamp, lsn, preserveUnderName), asked);
        waiter.awaitOperations(restored.operations(), asked, OperationWaiter.deadline(timeout), progress);
        return api.getBranch(targetBranch.id())
                .map(found -> NeonBranches.info(found.branch(), found.annotation() == null ? null : found.annotation().value()))
                // A restore to an LSN reports no parent_timestamp: the point is the one asked for.
                .map(info -> info.restorePoint() == null && lsn != null ? new BranchInfo(info.id(), info.name(), info.parent(),
                        info.state(), info.createdAt(), info.expiresAt(), info.labels(), new RestorePoint(null, lsn)) : info)
                .orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked, "the branch vanished after the restore",
                        "Check the project's branches in the Neon console"));
    }

    /**
     * From now minus the project's {@code history_retention_seconds} (or the configured {@code historyRetention} when
     * the project does not say) up to now; the same for every branch of the project.
     */
    @Override
    public HistoryWindow historyWindow(String branch) {
        Long seconds = api.project().historyRetentionSeconds();
        Duration retention = seconds == null ? config.historyRetention() : Duration.ofSeconds(seconds);
        return new HistoryWindow(clock.instant().minus(retention), null);
    }

    /**
     * Restores the branch to its own past through {@code …/restore}, keeping its present state as the new branch
     * {@code preserveUnderName}, and returns the branch with the point it was restored to ({@code parent_timestamp},
     * {@code parent_lsn}). Neon drops the branch's connections while it restores.
     */
    @Override
    public BranchInfo restoreInPlace(BranchInfo branch, PointInTime point, String preserveUnderName) {
        String target = branch.id().startsWith("br-") ? branch.id() : branch.name();
        return restore(target, target, point, preserveUnderName, RESTORE_TIMEOUT, Progress.SILENT);
    }

    @Override
    public boolean resetsFromParent() {
        return true;
    }

    /**
     * Neon's own reset: {@code …/restore} of the branch with {@code source_branch_id} = the parent and no point, so it
     * takes the parent's head and keeps its id, endpoint, roles and annotation. Neon refuses a branch with children
     * (they would need {@code preserve_under_name}).
     */
    @Override
    public BranchInfo resetFromParent(BranchInfo branch, String parent, Duration timeout, Progress progress) {
        String target = branch.id().startsWith("br-") ? branch.id() : branch.name();
        return restore(target, parent, PointInTime.HEAD, null, timeout, progress);
    }

    @Override
    public void close() {
        api.close();
    }

    /** The branch's Neon id; looked up by name when the caller knows only the name. */
    private String branchId(BranchInfo branch) {
        if (branch.id().startsWith("br-")) {
            return branch.id();
        }
        return finder.byName(branch.name()).map(found -> found.branch().id()).orElse(null);
    }

    private void deleteAfterFailure(NeonBranch branch, Throwable cause) {
        try {
            api.deleteBranch(branch.id(), "Delete the half-made Neon branch '" + branch.name() + "' (" + branch.id() + ")");
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(new DbBranchException(ErrorCode.PROVIDER_ERROR, "Clean up the half-made Neon branch '"
                    + branch.name() + "' (" + branch.id() + "): " + cleanup.getMessage()
                    + "; it may have been left behind until its expiry", cleanup));
        }
    }
}
