package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.capacity.Admission;
import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.Progress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A build's branch, from creation to teardown: create (or, for a fixed name that is taken, do what
 * {@link LeaseSpec#onExists()} says: {@link ExistingBranch}) → wait until it accepts logins → give it the data its
 * {@link LeaseSpec#data() policy} allows (schema-only, masked), as its own role → mint a short-lived credential →
 * hand out the environment → keep the token fresh and the expiry pushed forward → tear down.
 *
 * <pre>{@code
 * try (BranchLease lease = BranchLease.open(provider, spec, progress)) {
 *     runTests(lease.environment().variables());
 * } // deleted here, unless the keep policy says otherwise
 * }</pre>
 *
 * Call {@link #bodyFailed(Throwable)} before closing when the body failed, so {@code keep: onFailure} works;
 * {@link LeaseRunner} does this for you. Teardown never throws: its outcome is in {@link #teardown()}, and a
 * failure is reported as "may have left branch X behind".
 */
public final class BranchLease implements AutoCloseable {
    private final BranchProvider provider;
    private final LeaseSpec spec;
    private final Progress progress;
    private final BranchInfo branch;
    private final ConnectionDetails connection;
    private final AtomicReference<Credential> credential;
    private final PgPassFile passFile;
    private final LeaseEnvironment environment;
    private final Set<String> masks = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Consumer<Credential>> refreshListeners = new CopyOnWriteArrayList<>();
    private final LeaseKeeper keeper;
    private final BranchDataResult data;
    private final ExistingBranch.Origin origin;
    private volatile Throwable bodyFailure;
    private volatile TeardownResult teardown;
    /** The branch slot this lease holds until its teardown (none for a resumed lease). */
    private volatile Admission admission;

    private BranchLease(BranchProvider provider, LeaseSpec spec, Progress progress, ExistingBranch.Opened opened,
                        ConnectionDetails connection, Credential credential, PgPassFile passFile, Map<String, Duration> timings,
                        BranchDataResult data) {
        this.provider = provider;
        this.spec = spec;
        this.progress = progress;
        this.branch = opened.branch();
        this.origin = opened.origin();
        this.connection = connection;
        this.credential = new AtomicReference<>(credential);
        this.passFile = passFile;
        this.environment = LeaseEnvironment.of(spec.envPrefix(), this.branch, connection, credential, passFile.path());
        this.masks.addAll(environment.masks());
        this.timings.putAll(timings);
        this.data = data;
        this.keeper = new LeaseKeeper(provider, this.branch, connection, spec, passFile, progress, this.credential, this::refreshed);
        keeper.start();
    }

    /**
     * Creates the branch and returns once it accepts logins with a fresh credential. If anything fails on
     * the way, the branch is deleted before this throws, even one a failed create may have made (its answer
     * lost, then an interrupt while it was looked up); where that cannot be done, {@code progress} hears
     * "may have left branch X behind".
     */
    public static BranchLease open(BranchProvider provider, LeaseSpec spec, Progress progress) {
        String name = spec.resolveName();
        checkCapabilities(provider.capabilities(), spec, name);
        // Waits here for a branch slot when the connection's limit is reached (LeaseSpec#capacity); held until teardown.
        Admission admission = LeaseAdmission.admit(provider, spec, name, progress);
        try {
            BranchLease lease = create(provider, spec, name, admission, progress);
            lease.admission = admission;
            return lease;
        } catch (RuntimeException | Error e) {
            admission.close();
            throw e;
        }
    }

    private static BranchLease create(BranchProvider provider, LeaseSpec spec, String name, Admission admission,
                                      Progress progress) {
        Instant started = Instant.now();
        Map<String, Duration> timings = new LinkedHashMap<>();
        long startedNanos = System.nanoTime();
        boolean nativeSchemaOnly = DataPreparation.nativeSchemaOnly(provider, spec.data(), spec.from());
        // A fixed name may be taken: spec.onExists() says what then (ExistingBranch); otherwise this is a plain create.
        ExistingBranch.Opened opened = new ExistingBranch(provider, spec, progress).open(request(spec, name, started, nativeSchemaOnly), () -> {
            progress.report("creating branch " + name + " of " + spec.parent() + (spec.from().isHistorical() ? " at " + spec.from() : "")
                    + " on " + provider.kind());
            try {
                // Labels at each attempt: a create the service refused for its quota may be tried again much later.
                return admission.create(name, () -> provider.createBranch(request(spec, name, Instant.now(), nativeSchemaOnly)));
            } catch (RuntimeException e) {
                throw new UnsettledCreate(provider, spec, name, started, progress).settle(e);
            }
        });
        timings.put("create", since(startedNanos));
        return connect(provider, spec, progress, opened, startedNanos, timings);
    }

    private static CreateBranchRequest request(LeaseSpec spec, String name, Instant now, boolean nativeSchemaOnly) {
        Labels labels = new Labels(spec.owner(), spec.job(), spec.build(), spec.change(), now, now.plus(spec.expiryWindow()),
                spec.pullRequest());
        return new CreateBranchRequest(name, spec.parent(), spec.from(), labels.expiresAt(), labels, nativeSchemaOnly);
    }

    /**
     * Takes over a branch this owner leased before, e.g. after a Jenkins controller restarted in the middle of a
     * build: checks that its labels name {@link LeaseSpec#owner()} and that its expiry has not passed, pushes the
     * expiry forward, waits until it accepts logins and mints a fresh credential (the old one is not kept anywhere).
     * A branch that is not ours is never touched; one that is ours but cannot be resumed is deleted before this throws.
     *
     * @param name the branch's name, as {@link #branch()} gave it when the lease was opened
     */
    public static BranchLease resume(BranchProvider provider, LeaseSpec spec, String name, Progress progress) {
        String asked = "Resume the lease of branch " + name;
        BranchInfo branch = provider.findBranch(name).orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked,
                "the branch no longer exists", "Its expiry may have passed while nobody extended it; run the build again"));
        Labels labels = branch.labels();
        if (labels == null || !spec.owner().equals(labels.owner())) {
            throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, asked,
                    "its labels name " + (labels == null ? "no owner" : "the owner " + labels.owner()) + ", not " + spec.owner(),
                    "It was left alone; resume only branches this controller or command line created");
        }
        Instant now = Instant.now();
        long started = System.nanoTime();
        if (labels.isExpiredAt(now)) {
            throw abandon(provider, branch, DbBranchException.of(ErrorCode.TIMEOUT, asked,
                    "its expiry passed at " + labels.expiresAt() + " while nobody extended it", "Run the build again"), progress);
        }
        progress.report("resuming the lease of branch " + name + " of " + branch.parent() + " on " + provider.kind());
        try {
            provider.extendExpiry(branch, now.plus(spec.expiryWindow()));
        } catch (RuntimeException e) {
            throw abandon(provider, branch, e, progress);
        }
        return connect(provider, spec, progress, new ExistingBranch.Opened(branch, ExistingBranch.Origin.CREATED), started,
                new LinkedHashMap<>());
    }

    /**
     * Waits for a created (or resumed, or taken over) branch, mints its credential and starts the lease. On failure a
     * branch this lease made is deleted; one it took over ({@link ExistingBranch.Origin#madeNow()} false) is left as it was.
     */
    private static BranchLease connect(BranchProvider provider, LeaseSpec spec, Progress progress, ExistingBranch.Opened opened,
                                       long started, Map<String, Duration> timings) {
        BranchInfo branch = opened.branch();
        String name = branch.name();
        try {
            long step = System.nanoTime();
            ConnectionDetails connection = provider.awaitReady(branch, spec.readyTimeout(), progress);
            // Again on resume: a lease cut short while masking left its transaction uncommitted, so the real rows. Never on
            // a branch taken over: its data is the previous build's, the policy was applied when it was made.
            BranchDataResult data = !opened.origin().madeNow() ? BranchDataResult.untouched()
                    : DataPreparation.apply(provider, branch, connection, spec.data(),
                    DataPreparation.nativeSchemaOnly(provider, spec.data(), spec.from()), spec.readyTimeout(), progress);
            if (!spec.data().isFull()) {
                timings.put("data", data.elapsed());
            }
            Credential credential = provider.mintCredential(branch, connection, spec.credentialTtl());
            ReadinessProbe.await(connection, credential, spec.readyTimeout(), progress);
            if (Thread.currentThread().isInterrupted()) {
                // A signal during a call that could not notice it (SQL, HTTP): nobody wants the branch now.
                throw new InterruptedException();
            }
            timings.put("ready", since(step));
            PgPassFile passFile = PgPassFile.ofBranch(spec.secretsDirectory(), name);
            passFile.write(connection, credential.user(), credential.password());
            progress.report(String.format("branch %s is ready at %s/%s (%.2f s); credential for %s valid until %s", name,
                    connection.hostPort(), connection.database(), since(started).toMillis() / 1000.0, credential.user(),
                    credential.expiresAt()));
            return new BranchLease(provider, spec, progress, opened, connection, credential, passFile, timings, data);
        } catch (RuntimeException | Error e) {
            throw abandon(provider, opened, e, progress);
        } catch (InterruptedException e) {
            DbBranchException interrupted = new DbBranchException(ErrorCode.INTERRUPTED,
                    "Lease branch " + name + ": interrupted while waiting for it to accept logins", e);
            throw abandon(provider, opened, interrupted, progress);
        }
    }

    public BranchInfo branch() { return branch; }
    public ConnectionDetails connection() { return connection; }
    public LeaseSpec spec() { return spec; }
    /** Whether the branch was made by this lease or taken over as {@link LeaseSpec#onExists()} said. */
    public ExistingBranch.Origin origin() { return origin; }
    /** What was done to the branch's data before its credential was minted ({@link LeaseSpec#data()}). */
    public BranchDataResult data() { return data; }

    /** The credential in force now (it changes at each refresh). */
    public Credential credential() {
        return credential.get();
    }

    /** The variables for the body, as at the start of the lease. */
    public LeaseEnvironment environment() {
        return environment;
    }

    /**
     * The variables for processes started now: as {@link #environment()}, but with the credential in force now, so a
     * front end that starts processes late in a long build (after refreshes) hands them a token that still works.
     */
    public LeaseEnvironment currentEnvironment() {
        return LeaseEnvironment.of(spec.envPrefix(), branch, connection, credential.get(), passFile.path());
    }

    /** Every string to hide in logs, including tokens minted by refreshes since the start. */
    public Set<String> masks() {
        synchronized (masks) {
            return Set.copyOf(masks);
        }
    }

    /** How long each step took so far: {@code create}, {@code ready}, then {@code teardown}. */
    public Map<String, Duration> timings() {
        synchronized (timings) {
            return Map.copyOf(timings);
        }
    }

    /**
     * Calls {@code listener} with every credential a refresh mints from now on (after the password file was
     * rewritten), e.g. to copy it to a remote machine. A listener that throws is reported and does not stop refreshes.
     */
    public void addRefreshListener(Consumer<Credential> listener) {
        refreshListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void refreshed(Credential fresh) {
        // The fresh token's own forms, and those of the URLs that now carry it (their base64 forms hide no token part).
        masks.addAll(LeaseEnvironment.of(spec.envPrefix(), branch, connection, fresh, passFile.path()).masks());
        for (Consumer<Credential> listener : refreshListeners) {
            try {
                listener.accept(fresh);
            } catch (RuntimeException e) {
                progress.report("a refresh listener of " + branch.name() + " failed: " + e);
            }
        }
    }

    /** Records that the body failed, for the keep policy. */
    public void bodyFailed(Throwable failure) {
        this.bodyFailure = failure;
    }

    /** Tears down (once) and returns what happened; later calls return the same result. */
    public synchronized TeardownResult teardown() {
        if (teardown == null) {
            teardown = new Teardown(provider, branch, spec, progress).run(keeper, passFile, credential.get(), bodyFailure != null);
            if (admission != null) {
                admission.close();
            }
            timings.put("teardown", teardown.elapsed());
            if (bodyFailure != null && teardown.failure() != null) {
                bodyFailure.addSuppressed(teardown.failure());
            }
        }
        return teardown;
    }

    @Override
    public void close() {
        teardown();
    }

    private static void checkCapabilities(Capabilities capabilities, LeaseSpec spec, String name) {
        String asked = "Lease branch " + name + " of " + spec.parent();
        if (spec.from().isHistorical() && !capabilities.pointInTime()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked + " at " + spec.from(),
                    "this provider cannot branch from the past", "Branch from the head, or use a provider with point-in-time support");
        }
        Duration ttl = spec.credentialTtl();
        if (ttl.compareTo(capabilities.minCredentialTtl()) < 0 || ttl.compareTo(capabilities.maxCredentialTtl()) > 0) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked + " with credentials valid for " + ttl.toSeconds() + " s",
                    "this provider accepts credential lifetimes from " + capabilities.minCredentialTtl().toSeconds() + " s to "
                            + capabilities.maxCredentialTtl().toSeconds() + " s", "Choose a lifetime in that range");
        }
        capabilities.requireBranchLifetime(spec.expiryWindow(), asked, "expiry window");
        if (spec.keep() != KeepPolicy.NEVER) {
            capabilities.requireBranchLifetime(spec.keepFor(), asked, "keepFor");
        }
    }

    private static RuntimeException abandon(BranchProvider provider, ExistingBranch.Opened opened, Throwable cause, Progress progress) {
        if (!opened.origin().madeNow()) {
            progress.report("left branch " + opened.branch().name() + " as it was after the failure (this lease did not make it)");
            return rethrow(cause);
        }
        return abandon(provider, opened.branch(), cause, progress);
    }

    private static RuntimeException abandon(BranchProvider provider, BranchInfo branch, Throwable cause, Progress progress) {
        boolean interrupted = Thread.interrupted();
        try {
            provider.deleteBranch(branch);
            progress.report("deleted branch " + branch.name() + " after the failure");
        } catch (RuntimeException cleanup) {
            progress.report(leftBehind(branch.name(), cleanup.getMessage()));
            cause.addSuppressed(cleanup);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return rethrow(cause);
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (RuntimeException) cause;
    }

    static String leftBehind(String name, String why) {
        return "may have left branch " + name + " behind: " + why
                + " (the reaper deletes it once its expiry passes; to delete it now: dbbranch delete " + name + ")";
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static void deleteQuietly(PgPassFile passFile, Progress progress) {
        try {
            passFile.delete();
        } catch (IOException e) {
            progress.report("could not delete the password file " + passFile.path() + ": " + e);
        }
    }
}
