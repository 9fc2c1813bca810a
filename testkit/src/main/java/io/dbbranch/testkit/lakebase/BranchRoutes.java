package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.testkit.emulator.ApiFailure;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Fault;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Request;
import io.dbbranch.testkit.emulator.Route;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project, its branches, their endpoints and operations: {@code /api/2.0/postgres/projects/{project}…}.
 * Route names for faults: {@code projects.get}, {@code branches.create}, {@code branches.get}, {@code branches.list},
 * {@code branches.update}, {@code branches.delete}, {@code endpoints.list}, {@code endpoints.get},
 * {@code operations.get}.
 */
final class BranchRoutes {
    private static final String PROJECT = "/api/2.0/postgres/projects/{project}";
    private static final String BRANCHES = PROJECT + "/branches";
    private static final String BRANCH = BRANCHES + "/{branch}";
    private static final Pattern BRANCH_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Set<String> UPDATE_MASKS = Set.of("spec", "spec.expiration", "spec.is_protected");
    private static final int MAX_PAGE_SIZE = 100;

    private final BranchStore store;
    private final OperationStore operations;
    private final Tuning tuning;
    private final Clock clock;
    private final String host;
    private final LoginFronts fronts;
    private final Duration historyRetention;

    BranchRoutes(BranchStore store, OperationStore operations, Tuning tuning, Clock clock, String host, LoginFronts fronts,
                 Duration historyRetention) {
        this.store = store;
        this.operations = operations;
        this.tuning = tuning;
        this.clock = clock;
        this.host = host;
        this.fronts = fronts;
        this.historyRetention = historyRetention;
    }

    void register(EmulatorServer server) {
        server.route(new Route("projects.get", "GET", PROJECT, true, r -> Reply.ok(
                        LakebaseJson.project(project(r), historyRetention, store.defaultBranch().created))))
                .route(new Route("branches.create", "POST", BRANCHES, true, this::create))
                .route(new Route("branches.list", "GET", BRANCHES, true, this::list))
                .route(new Route("branches.get", "GET", BRANCH, true,
                        r -> Reply.ok(LakebaseJson.branch(project(r), branch(r)))))
                .route(new Route("branches.update", "PATCH", BRANCH, true, this::update))
                .route(new Route("branches.delete", "DELETE", BRANCH, true, this::delete))
                .route(new Route("endpoints.list", "GET", BRANCH + "/endpoints", true, r -> Reply.ok(
                        LakebaseJson.list("endpoints", List.of(endpoint(r)), null))))
                .route(new Route("endpoints.get", "GET", BRANCH + "/endpoints/{endpoint}", true, r -> {
                    if (!LakebaseJson.ENDPOINT_ID.equals(r.pathParam("endpoint"))) {
                        throw LakebaseErrors.notFound("endpoint");
                    }
                    return Reply.ok(endpoint(r));
                }))
                .route(new Route("operations.get", "GET", BRANCH + "/operations/{operation}", true, this::operation));
    }

    private Reply create(Request request) throws Exception {
        String project = project(request);
        String id = request.queryParam("branch_id").orElse("");
        if (!BRANCH_ID.matcher(id).matches()) {
            throw LakebaseErrors.invalid("Field 'branch_id' must be 1-63 characters, start with a lowercase letter "
                    + "and contain only lowercase letters, numbers and hyphens, got '" + id + "'");
        }
        JsonNode spec = request.json().path("spec");
        if (!spec.isObject()) {
            throw LakebaseErrors.invalid("Field 'branch.spec' is required");
        }
        PointInTime from = LakebaseJson.pointInTime(spec);
        Instant expires = LakebaseJson.expiration(spec, clock);
        EmulatedBranch source = spec.hasNonNull("source_branch")
                ? sourceBranch(project, spec.get("source_branch").asText()) : store.defaultBranch();
        EmulatedBranch branch = from == null ? store.create(id, source, expires, tuning.endpointPolls())
                : store.createFromPast(id, source, from, expires, tuning.endpointPolls());
        String failure = request.hasFault(Fault.Kind.OPERATION_ERROR) ? "Branch creation failed (injected fault)" : null;
        return Reply.ok(operations.start(LakebaseJson.branchName(project, id), tuning.operationPolls(),
                tuning.operationDuration(), () -> {
            store.markReady(branch);
            return LakebaseJson.branch(project, branch);
        }, failure));
    }

    private Reply list(Request request) {
        String project = project(request);
        operations.settle();
        int pageSize = Math.min(tuning.maxPageSize(),
                request.queryParam("page_size").map(BranchRoutes::pageSize).orElse(MAX_PAGE_SIZE));
        int offset = request.queryParam("page_token").filter(t -> !t.isEmpty()).map(BranchRoutes::offset).orElse(0);
        List<EmulatedBranch> all = store.all();
        int end = Math.min(all.size(), offset + pageSize);
        List<ObjectNode> page = all.subList(Math.min(offset, all.size()), end).stream()
                .map(b -> LakebaseJson.branch(project, b)).toList();
        return Reply.ok(LakebaseJson.list("branches", page, end < all.size() ? token(end) : null));
    }

    private Reply update(Request request) throws Exception {
        String mask = request.queryParam("update_mask").orElse("");
        for (String path : mask.split(",")) {
            if (!UPDATE_MASKS.contains(path.trim())) {
                throw LakebaseErrors.invalid("Unknown field path in update_mask: '" + path.trim() + "'");
            }
        }
        EmulatedBranch branch = branch(request);
        JsonNode spec = request.json().path("spec");
        if (mask.contains("expiration") || mask.equals("spec")) {
            if (branch.isDefault) {
                throw LakebaseErrors.invalid("The default branch cannot expire");
            }
            store.setExpiry(branch, LakebaseJson.expiration(spec, clock));
        }
        String project = project(request);
        return Reply.ok(operations.start(LakebaseJson.branchName(project, branch.id), 0,
                Duration.ZERO, () -> LakebaseJson.branch(project, branch), null));
    }

    private Reply delete(Request request) throws Exception {
        EmulatedBranch branch = branch(request);
        if (branch.isDefault) {
            throw new ApiFailure(400, "BAD_REQUEST", "Cannot delete root branch '"
                    + LakebaseJson.branchName(store.project(), branch.id) + "'. Root branches cannot be deleted independently.");
        }
        store.delete(branch);
        return Reply.ok(operations.start(LakebaseJson.branchName(project(request), branch.id), 0,
                Duration.ZERO, () -> JsonNodeFactory.instance.objectNode()
                        .put("@type", "type.googleapis.com/google.protobuf.Empty"), null));
    }

    private Reply operation(Request request) {
        String name = LakebaseJson.branchName(project(request), request.pathParam("branch")) + "/operations/"
                + request.pathParam("operation");
        ObjectNode operation = operations.poll(name);
        if (operation == null) {
            throw LakebaseErrors.notFound("operation");
        }
        return Reply.ok(operation);
    }

    private ObjectNode endpoint(Request request) {
        EmulatedBranch branch = branch(request);
        synchronized (store) {
            if (branch.isReady() && branch.endpointPollsLeft > 0) {
                branch.endpointPollsLeft--;
            }
        }
        return LakebaseJson.endpoint(project(request), branch, host, fronts.port(branch.server));
    }

    private String project(Request request) {
        String project = request.pathParam("project");
        if (!store.project().equals(project)) {
            throw LakebaseErrors.notFound("project");
        }
        return project;
    }

    private EmulatedBranch branch(Request request) {
        project(request);
        operations.settle();
        return store.get(request.pathParam("branch"));
    }

    private EmulatedBranch sourceBranch(String project, String name) {
        String prefix = "projects/" + project + "/branches/";
        if (!name.startsWith(prefix)) {
            throw LakebaseErrors.invalid("Field 'spec.source_branch' must be a branch of " + "projects/" + project
                    + ", written 'projects/" + project + "/branches/<id>', got '" + name + "'");
        }
        return store.get(name.substring(prefix.length()));
    }

    private static int pageSize(String text) {
        try {
            int size = Integer.parseInt(text);
            if (size < 0 || size > MAX_PAGE_SIZE) {
                throw LakebaseErrors.invalid("page_size must be between 0 and " + MAX_PAGE_SIZE);
            }
            return size == 0 ? MAX_PAGE_SIZE : size;
        } catch (NumberFormatException e) {
            throw LakebaseErrors.invalid("page_size must be a number, got '" + text + "'");
        }
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring("offset:".length()));
        } catch (RuntimeException e) {
            throw LakebaseErrors.invalid("Invalid page_token");
        }
    }
}
