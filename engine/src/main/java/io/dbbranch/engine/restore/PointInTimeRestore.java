package io.dbbranch.engine.restore;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.ReadinessProbe;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.spi.RestorePoint;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The undo button: a branch's past, at a moment or an LSN, as a new recovery branch (or, where the provider can
 * and it is asked for, in place of the branch). It works through the provider SPI only, so every provider with
 * {@link Capabilities#pointInTime()} serves it alike.
 *
 * <p>A restore checks the point against the provider's history window first, so a point before it or in the future
 * fails before anything is made; creates the branch; waits until it accepts a login; reads the restore point the
 * provider actually used; and runs the optional verification query. A failed verification fails the restore with
 * {@link ErrorCode#VERIFICATION_FAILED} and deletes the recovery branch unless asked to keep it; any other failure
 * after the branch was made deletes it too.
 */
public final class PointInTimeRestore {
    private final BranchProvider provider;
    private final Clock clock;

    public PointInTimeRestore(BranchProvider provider) {
        this(provider, Clock.systemUTC());
    }

    public PointInTimeRestore(BranchProvider provider, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Restores {@code branch} as it was at {@code point} into a new recovery branch, with the default options. */
    public RestoreResult restore(String branch, PointInTime point) {
        return restore(RestoreRequest.builder(branch, point).build(), Progress.SILENT);
    }

    /**
     * Restores as {@code request} says and returns the branch, ready, with a login and the restore point used.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} for a point outside the history window or a capability the
     *                           provider lacks, {@code VERIFICATION_FAILED} when the verification is not met
     */
    public RestoreResult restore(RestoreRequest request, Progress progress) {
        long started = System.nanoTime();
        String asked = "Restore '" + request.source() + "' to " + request.point();
        requireCapabilities(request, asked);
        // Before the window: a branch that does not exist has no history, and saying so is the useful answer.
        BranchInfo source = provider.findBranch(request.source()).orElseThrow(() -> noSuchBranch(request.source(), asked));
        Instant now = clock.instant();
        provider.historyWindow(request.source()).requireContains(request.point(), now, asked);
        return request.replace() ? inPlace(source, request, asked, started, progress) : intoNewBranch(request, now, asked, started, progress);
    }

    private DbBranchException noSuchBranch(String name, String asked) {
        List<String> existing = provider.listBranches("").stream().map(BranchInfo::name).limit(20).toList();
        return DbBranchException.of(ErrorCode.NOT_FOUND, asked, "there is no branch '" + name + "' on the " + provider.kind()
                + " provider", existing.isEmpty() ? "There are no branches yet" : "Existing branches: " + String.join(", ", existing));
    }

    private RestoreResult intoNewBranch(RestoreRequest request, Instant now, String asked, long started, Progress progress) {
        String name = request.resolveName();
        Labels labels = new Labels(request.owner(), null, null, null, now, now.plus(request.keepFor()));
        progress.report("restoring " + request.source() + " to " + request.point() + " as branch " + name + " on " + provider.kind());
        BranchInfo branch = provider.createBranch(new CreateBranchRequest(name, request.source(), request.point(),
                labels.expiresAt(), labels));
        Login login;
        try {
            login = login(branch, request, asked, progress);
        } catch (RuntimeException e) {
            throw deleteAfter(branch, e);
        }
        Verified verified = verify(request, login);
        if (verified.failure() != null) {
            String where = "'" + name + "' at " + login.connection().hostPort() + "/" + login.connection().database();
            if (request.keepOnFailedVerification()) {
                throw DbBranchException.of(ErrorCode.VERIFICATION_FAILED, asked, verified.failure(),
                        "The recovery branch " + where + " was kept for inspection until " + labels.expiresAt()
                                + "; delete it when done", verified.cause());
            }
            throw deleteAfter(branch, DbBranchException.of(ErrorCode.VERIFICATION_FAILED, asked, verified.failure(),
                    "The recovery branch " + where + " was deleted; restore to another point, or keep the branch to inspect it",
                    verified.cause()));
        }
        return finish(branch, login, verified, null, started, progress);
    }

    private RestoreResult inPlace(BranchInfo target, RestoreRequest request, String asked, long started, Progress progress) {
        String preserved = request.resolvePreserveUnderName();
        progress.report("restoring " + request.source() + " in place to " + request.point() + "; its present state is kept as "
                + preserved);
        BranchInfo restored = provider.restoreInPlace(target, request.point(), preserved);
        Login login = login(restored, request, asked, progress);
        Verified verified = verify(request, login);
        if (verified.failure() != null) {
            throw DbBranchException.of(ErrorCode.VERIFICATION_FAILED, asked, verified.failure(),
                    "The state before the restore is kept as branch '" + preserved + "'", verified.cause());
        }
        return finish(restored, login, verified, preserved, started, progress);
    }

    private RestoreResult finish(BranchInfo branch, Login login, Verified verified, String preservedAs, long started,
                                 Progress progress) {
        RestorePoint used = restorePointOf(branch);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        progress.report(String.format("restored %s to %s in %.2f s; it is at %s/%s%s", branch.name(), used,
                elapsed.toMillis() / 1000.0, login.connection().hostPort(), login.connection().database(),
                verified.result() == null ? "" : "; verified: " + verified.result().describe()));
        return new RestoreResult(branch, login.connection(), login.credential(), used, elapsed, verified.result(), preservedAs);
    }

    private void requireCapabilities(RestoreRequest request, String asked) {
        Capabilities capabilities = provider.capabilities();
        if (!capabilities.pointInTime()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the " + provider.kind() + " provider cannot branch from the past",
                    "Use the local provider, Lakebase or Neon for point-in-time restores");
        }
        if (request.replace() && !capabilities.replaceRestore()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked + " in place",
                    "the " + provider.kind() + " provider cannot replace a branch with its own past",
                    "Restore into a new recovery branch instead (leave replace off)");
        }
        capabilities.requireBranchLifetime(request.keepFor(), asked, "keepFor");
    }

    /** Waits until the branch accepts a login with a fresh credential. */
    private Login login(BranchInfo branch, RestoreRequest request, String asked, Progress progress) {
        ConnectionDetails connection = provider.awaitReady(branch, request.readyTimeout(), progress);
        Credential credential = provider.mintCredential(branch, connection, request.credentialTtl());
        try {
            ReadinessProbe.await(connection, credential, request.readyTimeout(), progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted while waiting for branch '"
                    + branch.name() + "' to accept logins", e);
        }
        return new Login(connection, credential);
    }

    private static Verified verify(RestoreRequest request, Login login) {
        Verification verification = request.verification();
        if (verification == null) {
            return new Verified(null, null, null);
        }
        try {
            VerificationResult result = VerificationQuery.run(verification, login.connection(), login.credential());
            return new Verified(result, result.met() ? null : result.describe(), null);
        } catch (SQLException e) {
            return new Verified(null, "the verification query " + verification.sql() + " failed: " + e.getMessage(), e);
        }
    }

    /** The restore point as the provider reports it; some tell only once the branch is ready. */
    private RestorePoint restorePointOf(BranchInfo branch) {
        RestorePoint reported = branch.restorePoint();
        if (reported != null && (reported.time() != null || reported.lsn() != null)) {
            return reported;
        }
        return provider.findBranch(branch.name()).map(BranchInfo::restorePoint).orElse(new RestorePoint(null, null));
    }

    private RuntimeException deleteAfter(BranchInfo branch, RuntimeException failure) {
        try {
            provider.deleteBranch(branch);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(new DbBranchException(ErrorCode.PROVIDER_ERROR, "Delete the recovery branch '" + branch.name()
                    + "' after the failure: " + cleanup.getMessage() + "; it may have been left behind", cleanup));
        }
        return failure;
    }

    private record Login(ConnectionDetails connection, Credential credential) {
    }

    /** A verification's outcome: its result when the query ran, and why it failed, if it did. */
    private record Verified(VerificationResult result, String failure, SQLException cause) {
    }
}
