package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates one branch safely. Lakebase has no idempotency key: the client-chosen {@code branch_id} is the key.
 * When a create may have reached the service without an answer (a connection reset), the branch is looked up:
 * if it exists and is ours (our name prefix, created after our first attempt, from the requested source) it is
 * adopted, otherwise the create is sent again, and a 409 on that retry leads to the same check. A branch that is
 * not ours is never adopted. If the create operation fails or does not finish in time, the branch is deleted
 * before the failure is raised.
 */
final class BranchCreation {
    private static final int MAX_ATTEMPTS = 3;

    private final LakebaseApi api;
    private final LakebaseConfig config;
    private final Operations operations;
    private final Clock clock;
    private final Consumer<String> delete;

    BranchCreation(LakebaseApi api, LakebaseConfig config, Operations operations, Clock clock, Consumer<String> delete) {
        this.api = api;
        this.config = config;
        this.operations = operations;
        this.clock = clock;
        this.delete = delete;
    }

    Dto.Branch create(CreateBranchRequest request) {
        String id = BranchName.validate(request.name());
        String parent = request.parent().isBlank() ? config.parentBranch() : request.parent();
        String asked = "Create Lakebase branch '" + id + "' from '" + parent + "'"
                + (request.from().isHistorical() ? " at " + request.from() : "") + " in project '" + config.project() + "'";
        Instant firstAttempt = clock.instant();
        Dto.BranchSpec spec = spec(parent, request.from(), request.expiresAt(), firstAttempt, asked);
        Dto.Operation operation = null;
        boolean mayExist = false;
        for (int attempt = 1; operation == null; attempt++) {
            try {
                operation = api.createBranch(id, spec);
            } catch (ApiException e) {
                boolean lookUp = e.outcomeUnknown() || (mayExist && e.code() == ErrorCode.ALREADY_EXISTS);
                if (!lookUp) {
                    throw explain(e, asked, parent);
                }
                Optional<Dto.Branch> found = api.findBranch(id);
                if (found.isPresent()) {
                    return adoptIfOurs(found.get(), parent, firstAttempt, asked, e);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                mayExist = true;
            }
        }
        StepHooks.reached("lakebase.create.sent");
        try {
            Dto.Branch made = finish(id, operation, asked);
            StepHooks.reached("lakebase.create.done");
            return made;
        } catch (RuntimeException failure) {
            deleteAfter(failure, id);
            throw failure;
        }
    }

    private Dto.Branch finish(String id, Dto.Operation started, String asked) {
        Dto.Operation operation = operations.awaitDone(started, asked);
        if (operation.error() != null) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked,
                    "its operation failed (" + operation.error().describe() + ")",
                    "The branch was deleted again; try once more, and if it persists check the project in the Databricks console");
        }
        if (operation.response() != null && operation.response().name() != null) {
            return operation.response();
        }
        return api.findBranch(id).orElseThrow(() -> DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked,
                "the operation finished but the branch does not exist", "Try again"));
    }

    private Dto.Branch adoptIfOurs(Dto.Branch found, String parent, Instant firstAttempt, String asked, ApiException cause) {
        boolean prefixed = found.id().startsWith(config.namePrefix());
        boolean fresh = found.createTime() != null && !found.createTime().isBefore(firstAttempt.minus(config.clockSkew()));
        boolean sameSource = found.status() != null && api.branchName(parent).equals(found.status().sourceBranch());
        if (prefixed && fresh && sameSource) {
            return found;
        }
        throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked,
                "a branch of that name exists and was not made by this request (created " + found.createTime()
                        + ", from " + (found.status() == null ? "unknown" : found.status().sourceBranch()) + ")",
                "Use another name; delete the existing branch only if you know it is a leftover", cause);
    }

    private Dto.BranchSpec spec(String parent, PointInTime from, Instant expiresAt, Instant now, String asked) {
        long seconds = Duration.between(now, expiresAt).toSeconds();
        if (seconds < 1) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "its expiry " + expiresAt + " is not in the future",
                    "Give an expiry after now");
        }
        Instant time = from instanceof PointInTime.AtTime at ? at.time() : null;
        String lsn = from instanceof PointInTime.AtLsn at ? at.lsn() : null;
        return new Dto.BranchSpec(api.branchName(parent), time, lsn, seconds + "s", null, null);
    }

    private DbBranchException explain(ApiException e, String asked, String parent) {
        String happened = "the service answered HTTP " + e.status() + " (" + e.error().describe() + ")";
        return switch (e.code()) {
            case NOT_FOUND -> DbBranchException.of(e.code(), asked, happened, "Check the project id '" + config.project()
                    + "' and the parent branch '" + parent + "' (databricks postgres list-branches projects/"
                    + config.project() + ")", e);
            case ALREADY_EXISTS -> DbBranchException.of(e.code(), asked, "a branch of that name exists already",
                    "Use another name; delete the existing branch only if you know it is a leftover", e);
            case INVALID_REQUEST -> DbBranchException.of(e.code(), asked, happened,
                    "Correct the request (name, parent, point in time or expiry) as the service explains", e);
            default -> e;
        };
    }

    private void deleteAfter(RuntimeException failure, String id) {
        // The delete must run even when we are here because the thread was interrupted.
        boolean interrupted = Thread.interrupted();
        try {
            delete.accept(id);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
