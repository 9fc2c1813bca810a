package io.dbbranch.engine.lease;

import io.dbbranch.engine.capacity.Admission;
import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import java.io.IOException;
import java.time.Duration;
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

    BranchLease(BranchProvider provider, LeaseSpec spec, Progress progress, ExistingBranch.Opened opened,
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
        return LeaseOpening.open(provider, spec, progress);
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
        return resume(provider, spec, name, ExistingBranch.Origin.CREATED, progress);
    }

    /**
     * As {@link #resume(BranchProvider, LeaseSpec, String, Progress)}, with the {@link #origin()} the lease had: a branch
     * it had taken over ({@link ExistingBranch.Origin#madeNow()} false, e.g. a pull request's reused branch) gets no data
     * policy again and is left as it was, not deleted, when it cannot be resumed.
     */
    public static BranchLease resume(BranchProvider provider, LeaseSpec spec, String name, ExistingBranch.Origin origin,
                                     Progress progress) {
        return LeaseOpening.resume(provider, spec, name, origin, progress);
    }

    /** Holds {@code slot} until teardown (a lease just opened). */
    void hold(Admission slot) {
        this.admission = slot;
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
