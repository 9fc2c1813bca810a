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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link BranchLease} begins: checks, a branch slot, the branch made (or taken over, or resumed), ready, its data
 * prepared, its credential minted; and, when any of that fails, the branch this lease made deleted before the failure
 * is thrown.
 */
final class LeaseOpening {
    private LeaseOpening() {
    }

    /** {@link BranchLease#open(BranchProvider, LeaseSpec, Progress)}. */
    static BranchLease open(BranchProvider provider, LeaseSpec spec, Progress progress) {
        String name = spec.resolveName();
        checkCapabilities(provider.capabilities(), spec, name);
        // Waits here for a branch slot when the connection's limit is reached (LeaseSpec#capacity); held until teardown.
        Admission admission = LeaseAdmission.admit(provider, spec, name, progress);
        try {
            BranchLease lease = create(provider, spec, name, admission, progress);
            lease.hold(admission);
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
        timings.put("create", BranchLease.since(startedNanos));
        return connect(provider, spec, progress, opened, startedNanos, timings);
    }

    private static CreateBranchRequest request(LeaseSpec spec, String name, Instant now, boolean nativeSchemaOnly) {
        Labels labels = new Labels(spec.owner(), spec.job(), spec.build(), spec.change(), now, now.plus(spec.expiryWindow()),
                spec.pullRequest());
        return new CreateBranchRequest(name, spec.parent(), spec.from(), labels.expiresAt(), labels, nativeSchemaOnly);
    }

    /** {@link BranchLease#resume(BranchProvider, LeaseSpec, String, ExistingBranch.Origin, Progress)}. */
    static BranchLease resume(BranchProvider provider, LeaseSpec spec, String name, ExistingBranch.Origin origin,
                              Progress progress) {
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
        ExistingBranch.Opened resumed = new ExistingBranch.Opened(branch, origin);
        if (labels.isExpiredAt(now)) {
            throw abandon(provider, resumed, DbBranchException.of(ErrorCode.TIMEOUT, asked,
                    "its expiry passed at " + labels.expiresAt() + " while nobody extended it", "Run the build again"), progress);
        }
        progress.report("resuming the lease of branch " + name + " of " + branch.parent() + " on " + provider.kind());
        try {
            provider.extendExpiry(branch, now.plus(spec.expiryWindow()));
        } catch (RuntimeException e) {
            throw abandon(provider, resumed, e, progress);
        }
        return connect(provider, spec, progress, resumed, started, new LinkedHashMap<>());
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
            timings.put("ready", BranchLease.since(step));
            PgPassFile passFile = PgPassFile.ofBranch(spec.secretsDirectory(), name);
            passFile.write(connection, credential.user(), credential.password());
            progress.report(String.format("branch %s is ready at %s/%s (%.2f s); credential for %s valid until %s", name,
                    connection.hostPort(), connection.database(), BranchLease.since(started).toMillis() / 1000.0, credential.user(),
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
            progress.report(BranchLease.leftBehind(branch.name(), cleanup.getMessage()));
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
}
