package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.http.Authenticator;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.Sleeper;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.HistoryWindow;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Databricks Lakebase (the Postgres "autoscaling" API, {@code /api/2.0/postgres}): a branch is a Lakebase branch
 * of the configured project, reached through its read-write endpoint, and logged in to with a short-lived database
 * credential (a JWT) minted for the configured identity.
 *
 * <p><b>Ownership.</b> Lakebase branches have no label field. A branch is ours when its id starts with the
 * configured {@link LakebaseConfig#namePrefix() name prefix}; its expiry ({@code status.expire_time}) is the
 * dead-man's switch, and Lakebase deletes expired branches by itself. {@link BranchInfo#labels()} of such a
 * branch holds only the configured owner, its create time and expiry; the job, build and pull request are not
 * stored on Lakebase. Id, create time and expiry all come with the create itself, so a branch is ours from the
 * moment it exists: one whose creator died right after the create is the reaper's once it expires.
 *
 * <p><b>Point in time.</b> A branch of the past is created with {@code source_branch_time} or
 * {@code source_branch_lsn}; the point the service used comes back in the branch's {@code status} and is reported
 * as {@link BranchInfo#restorePoint()}, for such a branch only (the status names its source's point for every
 * child). The history window comes from the project ({@link #historyWindow}).
 *
 * <p>All calls share one pooled HTTP client ({@link RestClient}) with bounded retries of 429 and 503; see
 * {@link BranchCreation} for how creates stay safe across connection resets.
 */
public final class LakebaseProvider implements BranchProvider {
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, 63,
            Duration.ofSeconds(300), Duration.ofSeconds(3600), Duration.ofDays(30));
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 1000;

    private final LakebaseConfig config;
    private final RestClient client;
    private final LakebaseApi api;
    private final Poller poller;
    private final Operations operations;
    private final BranchMapping mapping;
    private final HistoryRetention history;
    private final Clock clock;

    public LakebaseProvider(LakebaseConfig config) {
        this(config, Clock.systemUTC(), Sleeper.REAL);
    }

    LakebaseProvider(LakebaseConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.client = new RestClient(config.workspaceUrl(), config.http());
        Authenticator auth = config.usesServicePrincipal()
                ? new DatabricksOAuth(client, config.clientId(), config.clientSecret(), clock)
                : Authenticator.bearer(config.personalAccessToken());
        this.api = new LakebaseApi(client, auth, config.project());
        this.poller = new Poller(clock, sleeper, config.pollInterval());
        this.operations = new Operations(api, poller, config.operationTimeout());
        this.mapping = new BranchMapping(config);
        this.history = new HistoryRetention(api, config.historyRetention(), clock);
    }

    @Override
    public String kind() {
        return "lakebase";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** Creates the branch and waits for its operation to finish; the branch may still be starting its compute. */
    @Override
    public BranchInfo createBranch(CreateBranchRequest request) {
        return mapping.toInfo(new BranchCreation(api, config, operations, clock, this::deleteById).create(request));
    }

    /**
     * Polls the branch, then its read-write endpoint, until the endpoint is active. A branch handed in as
     * {@code READY} (described by the service moments ago, as the create operation's answer does) has only its
     * endpoint looked at the first time, sparing a lease one call; later looks read the branch too, so a branch deleted
     * since still fails as absent.
     */
    @Override
    public ConnectionDetails awaitReady(BranchInfo branch, Duration timeout, Progress progress) {
        String id = branch.id();
        String asked = "Wait for Lakebase branch '" + id + "' to accept connections";
        AtomicBoolean endpointFirst = new AtomicBoolean(branch.state() == BranchState.READY);
        return poller.until(asked, timeout, progress, () -> {
            if (endpointFirst.getAndSet(false)) {
                Optional<Poller.Step<ConnectionDetails>> endpoint = endpointStepIfListed(id);
                if (endpoint.isPresent()) {
                    return endpoint.get();
                }
            }
            Dto.Branch current = api.findBranch(id).orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked,
                    "the branch does not exist (any more)", "It may have expired or been deleted: create a new one"));
            if (!"READY".equals(current.state())) {
                return Poller.Step.waiting("branch is " + current.state());
            }
            return endpointStep(id);
        });
    }

    /** The endpoint's step, or empty when the service does not know the branch (any more). */
    private Optional<Poller.Step<ConnectionDetails>> endpointStepIfListed(String id) {
        try {
            return Optional.of(endpointStep(id));
        } catch (ApiException e) {
            if (e.isStatus(404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Poller.Step<ConnectionDetails> endpointStep(String id) {
        Optional<Dto.Endpoint> endpoint = readWriteEndpoint(id);
        if (endpoint.isEmpty()) {
            return Poller.Step.waiting("branch has no read-write endpoint yet");
        }
        String state = endpoint.get().state();
        if (!("ACTIVE".equals(state) || "IDLE".equals(state)) || endpoint.get().host() == null) {
            return Poller.Step.waiting("endpoint " + endpoint.get().endpointId() + " is " + state);
        }
        // The service always listens on the configured port; an emulator names the port where it differs.
        int port = endpoint.get().port() == null ? config.port() : endpoint.get().port();
        return Poller.Step.done(new ConnectionDetails(endpoint.get().host(), port, config.databaseFor(id),
                config.sslMode(), Map.of("endpoint", endpoint.get().name())));
    }

    /**
     * Mints a database credential ({@code POST /api/2.0/postgres/credentials}) for the branch's read-write
     * endpoint: a JWT that is the password of the configured identity's role until it expires.
     */
    @Override
    public Credential mintCredential(BranchInfo branch, ConnectionDetails connection, Duration ttl) {
        String endpoint = connection.extras().get("endpoint");
        if (endpoint == null) {
            endpoint = readWriteEndpoint(branch.id()).map(Dto.Endpoint::name)
                    .orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND,
                            "Mint a database credential for Lakebase branch '" + branch.id() + "'",
                            "the branch has no read-write endpoint", "Wait for the branch to be ready first"));
        }
        Dto.DatabaseCredential minted = api.mintCredential(endpoint, ttl.toSeconds() + "s", branch.id());
        if (minted.token() == null || minted.expireTime() == null) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR,
                    "Mint a database credential for Lakebase branch '" + branch.id() + "'",
                    "the answer lacked the token or its expire_time", "Check that the workspace URL is right");
        }
        return new Credential(config.postgresRole(), Secret.of(minted.token()), minted.expireTime(), false);
    }

    /** The branch's read-write endpoint, looked for page by page (a branch may have many read-only ones). */
    private Optional<Dto.Endpoint> readWriteEndpoint(String branchId) {
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Dto.EndpointList list = api.listEndpoints(branchId, pageToken);
            Optional<Dto.Endpoint> found = list.endpoints().stream().filter(Dto.Endpoint::isReadWrite).findFirst();
            pageToken = list.nextPageToken();
            if (found.isPresent() || pageToken == null || pageToken.isEmpty()) {
                return found;
            }
        }
        throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, "List the endpoints of Lakebase branch '" + branchId + "'",
                "the listing did not end after " + MAX_PAGES + " pages", "Report this with the branch's endpoints");
    }

    @Override
    public Optional<BranchInfo> findBranch(String name) {
        return api.findBranch(name).map(mapping::toInfo);
    }

    /** Lists all pages and keeps the names starting with {@code namePrefix} (the API cannot filter by name). */
    @Override
    public List<BranchInfo> listBranches(String namePrefix) {
        List<BranchInfo> branches = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Dto.BranchList list = api.listBranches(pageToken, PAGE_SIZE);
            list.branches().stream().filter(b -> b.id() != null && b.id().startsWith(namePrefix))
                    .map(mapping::toInfo).forEach(branches::add);
            pageToken = list.nextPageToken();
            if (pageToken == null || pageToken.isEmpty()) {
                return branches;
            }
        }
        throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, "List the branches of Lakebase project '" + config.project() + "'",
                "the listing did not end after " + MAX_PAGES + " pages", "Report this with the project's size");
    }

    /** Sets {@code spec.expire_time} ({@code PATCH …?update_mask=spec.expiration}) and waits for it to apply. */
    @Override
    public void extendExpiry(BranchInfo branch, Instant expiresAt) {
        Dto.Operation operation = api.updateExpiration(branch.id(), Dto.BranchSpec.expiringAt(expiresAt));
        awaitOperation(operation, "Extend the expiry of Lakebase branch '" + branch.id() + "' to " + expiresAt);
    }

    @Override
    public boolean deleteBranch(BranchInfo branch) {
        return deleteById(branch.id());
    }

    /**
     * The window from the project's {@code history_retention_duration} (or the configured {@code historyRetention}
     * when the project does not report one) up to now; the same for every branch of the project.
     */
    @Override
    public HistoryWindow historyWindow(String branch) {
        return history.window();
    }

    /**
     * The parent's read-write endpoint (waited for as for a new branch: a suspended compute wakes) and a database
     * credential for it, minted for the configured identity's Postgres role; empty when there is no such branch.
     * Migrations then run as that role: it owns what it creates, and objects other roles made stay theirs.
     */
    @Override
    public Optional<ParentAccess> parentAccess(String name, Duration ttl) {
        Optional<BranchInfo> parent = api.findBranch(name).map(mapping::toInfo);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        ConnectionDetails connection = awaitReady(parent.get(), config.operationTimeout(), Progress.SILENT);
        return Optional.of(new ParentAccess(connection, mintCredential(parent.get(), connection, ttl)));
    }

    @Override
    public void close() {
        client.close();
    }

    private boolean deleteById(String id) {
        Dto.Operation operation;
        try {
            operation = api.deleteBranch(id);
        } catch (ApiException e) {
            if (e.isStatus(404)) {
                return false;
            }
            throw e;
        }
        awaitOperation(operation, "Delete Lakebase branch '" + id + "'");
        return true;
    }

    private void awaitOperation(Dto.Operation started, String asked) {
        Dto.Operation operation = operations.awaitDone(started, asked);
        if (operation.error() != null) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked, "its operation failed ("
                    + operation.error().describe() + ")", "Try again; if it persists, check the project in the Databricks console");
        }
    }
}
