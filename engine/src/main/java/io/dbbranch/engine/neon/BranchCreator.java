package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.neon.BranchFinder.Found;
import io.dbbranch.engine.neon.NeonBodies.BranchSpec;
import io.dbbranch.engine.neon.NeonBodies.CreateBranch;
import io.dbbranch.engine.neon.NeonBodies.CreatedBranch;
import io.dbbranch.engine.neon.NeonBodies.EndpointSpec;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Creates a branch with one read-write endpoint, get-or-create style. Neon has no idempotency key, so when a create
 * may have happened without our hearing of it (a connection lost after sending, a 5xx, a 409), the branch is looked up
 * by name and adopted only if it is ours: our name, our labels (same owner and the exact creation instant we sent),
 * and created after our first attempt. Anything else of that name is left alone.
 *
 * <p><b>Expiry.</b> Neon's {@code expires_at} is an early-access feature: a project outside the programme answers 400
 * naming it. Then the branch is made without it (once per create; later creates of this provider leave it out at
 * once), with a warning, and the expiry lives on in our annotation, which the engine's {@code Reaper} enforces.
 */
final class BranchCreator {
    /** Neon refuses an expiry further ahead than this. */
    static final Duration MAX_EXPIRY = Duration.ofDays(30);
    private static final int MAX_ATTEMPTS = 3;
    /** How far Neon's clock may be behind ours when judging "created after our first attempt". */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final NeonApi api;
    private final BranchFinder finder;
    private final Clock clock;
    private final ExpirySupport expirySupport;

    BranchCreator(NeonApi api, BranchFinder finder, Clock clock, ExpirySupport expirySupport) {
        this.api = api;
        this.finder = finder;
        this.clock = clock;
        this.expirySupport = expirySupport;
    }

    /** The branch we made (or adopted), its endpoints, and the operations Neon still runs for it. */
    record Outcome(NeonBranch branch, Map<String, String> annotation, List<NeonEndpoint> endpoints,
                   List<NeonOperation> operations) {
    }

    Outcome create(CreateBranchRequest request) {
        String asked = "Create Neon branch '" + request.name() + "' of '" + request.parent() + "'"
                + (request.from().isHistorical() ? " at " + request.from() : "") + " in project " + api.projectId();
        BranchName.validate(request.name());
        Instant expiresAt = checkedExpiry(request.expiresAt(), asked);
        NeonBranch parent = finder.resolve(request.parent(), asked);
        String askedLsn = request.from() instanceof PointInTime.AtLsn at ? at.lsn() : null;
        Map<String, String> annotation = NeonBranches.annotation(request.labels(), request.parent(), askedLsn);
        CreateBranch body = body(request, parent.id(), expirySupport.refused() ? null : expiresAt, annotation);

        Instant firstAttempt = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                CreatedBranch created = api.createBranch(body, asked);
                return new Outcome(created.branch(), annotation, created.endpoints(), created.operations());
            } catch (ApiException e) {
                boolean mayExist = e.outcomeUnknown() || e.isStatus(409) || e.status() >= 500;
                if (!mayExist && body.branch().expiresAt() != null && ExpirySupport.refuses(e)) {
                    expirySupport.markRefused(asked, e);
                    body = body(request, parent.id(), null, annotation);
                    continue;
                }
                if (!mayExist) {
                    throw e;
                }
                Found existing = lookUpAfter(e, request.name());
                if (existing != null) {
                    if (isOurs(existing, request.labels(), firstAttempt)) {
                        return new Outcome(existing.branch(), existing.annotation(), List.of(), List.of());
                    }
                    throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a branch of that name exists already ("
                                    + existing.branch().id() + ") and was not made by this request",
                            "Choose another name, or delete the old branch first", e);
                }
                if (e.isStatus(409) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                // Neon never got (or dropped) the request: nothing of that name exists, so trying again is safe.
            }
        }
    }

    private Found lookUpAfter(ApiException failure, String name) {
        try {
            return finder.byName(name).orElse(null);
        } catch (RuntimeException lookup) {
            failure.addSuppressed(lookup);
            throw failure;
        }
    }

    private boolean isOurs(Found found, Labels sent, Instant firstAttempt) {
        Labels labels = NeonBranches.labels(found.annotation());
        NeonBranch branch = found.branch();
        return labels != null && sent.owner().equals(labels.owner()) && sent.createdAt().equals(labels.createdAt())
                && branch.createdAt() != null && !branch.createdAt().isBefore(firstAttempt.minus(CLOCK_SKEW));
    }

    private static CreateBranch body(CreateBranchRequest request, String parentId, Instant expiresAt,
                                     Map<String, String> annotation) {
        PointInTime from = request.from();
        Instant timestamp = from instanceof PointInTime.AtTime at ? at.time() : null;
        String lsn = from instanceof PointInTime.AtLsn at ? at.lsn() : null;
        return new CreateBranch(new BranchSpec(request.name(), parentId, timestamp, lsn, expiresAt,
                request.schemaOnly() ? BranchSpec.SCHEMA_ONLY : null), List.of(EndpointSpec.READ_WRITE), annotation);
    }

    /** Neon wants an expiry in the future and at most 30 days ahead; say so before anything is made. */
    Instant checkedExpiry(Instant expiresAt, String asked) {
        Instant now = clock.instant();
        Instant truncated = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (!truncated.isAfter(now)) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the expiry " + truncated + " is not in the future",
                    "Give an expiry window of at least a minute");
        }
        if (truncated.isAfter(now.plus(MAX_EXPIRY))) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the expiry " + truncated
                    + " is more than 30 days ahead, which Neon refuses", "Keep branches for at most 30 days");
        }
        return truncated;
    }
}
