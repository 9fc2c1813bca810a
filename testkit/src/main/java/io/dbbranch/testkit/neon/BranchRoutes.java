package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Fault;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Request;
import io.dbbranch.testkit.emulator.Route;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v2/projects/{project}/branches…}: create (with an endpoint when asked, from the parent's head or past),
 * get, update (name and {@code expires_at}), delete and restore (to another branch's head, or any branch's past). The
 * past is {@link BranchRestores}' work; listing is in {@link BranchListing}. Route names for faults:
 * {@code branches.create|get|update|delete|restore}.
 */
final class BranchRoutes {
    static final String BRANCHES = "/api/v2/projects/{project}/branches";
    static final String BRANCH = BRANCHES + "/{branch}";
    private static final Duration MAX_EXPIRY = Duration.ofDays(30);
    private static final int MAX_ANNOTATIONS = 50;

    private final ProjectScope scope;

    BranchRoutes(ProjectScope scope) {
        this.scope = scope;
    }

    void register(EmulatorServer server) {
        server.route(new Route("branches.create", "POST", BRANCHES, true, this::create))
                .route(new Route("branches.get", "GET", BRANCH, true, this::get))
                .route(new Route("branches.update", "PATCH", BRANCH, true, this::update))
                .route(new Route("branches.delete", "DELETE", BRANCH, true, this::delete))
                .route(new Route("branches.restore", "POST", BRANCH + "/restore", true, this::restore));
    }

    private Reply create(Request request) throws Exception {
        String project = scope.project(request);
        JsonNode body = request.json();
        JsonNode spec = body.path("branch");
        PointInTime from = NeonJson.pointInTime(spec, "parent_timestamp", "parent_lsn");
        String name = spec.hasNonNull("name") ? spec.get("name").asText() : NeonIds.branch().substring(3);
        if (name.isBlank() || name.length() > 256) {
            throw NeonErrors.invalid("branch name must be 1 to 256 characters");
        }
        NeonBranchRecord parent = spec.hasNonNull("parent_id") ? scope.store.find(spec.get("parent_id").asText())
                .orElseThrow(() -> NeonErrors.notFound("parent branch not found")) : scope.store.defaultBranch();
        Instant expires = spec.hasNonNull("expires_at") ? expiry(spec.get("expires_at")) : null;
        boolean withEndpoint = false;
        for (JsonNode endpoint : body.path("endpoints")) {
            if (!"read_write".equals(endpoint.path("type").asText()) && !"read_only".equals(endpoint.path("type").asText())) {
                throw NeonErrors.invalid("endpoint type must be read_write or read_only");
            }
            withEndpoint = true;
        }
        Map<String, String> annotation = annotation(body.path("annotation_value"));
        boolean schemaOnly = SchemaOnlyBranches.requested(spec, from != null);
        scope.requireUnlocked(parent);

        NeonBranchRecord branch = from == null
                ? scope.store.create(name, parent, expires, annotation, withEndpoint, scope.tuning.endpointPolls())
                : scope.restores.createFromPast(name, parent, from, expires, annotation, withEndpoint,
                        scope.tuning.endpointPolls());
        if (schemaOnly) {
            SchemaOnlyBranches.empty(branch.server, branch.database());
        }
        String failure = request.hasFault(Fault.Kind.OPERATION_ERROR) ? "creating the timeline failed (injected fault)" : null;
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("branch", NeonJson.branch(project, branch));
        ArrayNode operations = answer.putArray("operations");
        operations.add(scope.operations.start(branch.id, null, "create_timeline", () -> scope.store.markReady(branch),
                failure));
        ArrayNode endpoints = answer.putArray("endpoints");
        if (withEndpoint) {
            endpoints.add(scope.endpoint(branch));
            operations.add(scope.operations.start(branch.id, branch.endpointId, "start_compute",
                    () -> scope.store.startEndpoint(branch), failure == null ? null : "the branch was not created"));
        }
        answer.putArray("roles");
        answer.putArray("databases");
        return Reply.status(201, answer);
    }

    private Reply get(Request request) {
        NeonBranchRecord branch = scope.branch(request);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("branch", NeonJson.branch(scope.store.project(), branch));
        if (!branch.annotation.isEmpty()) {
            answer.set("annotation", NeonJson.annotation(branch));
        }
        return Reply.ok(answer);
    }

    private Reply update(Request request) throws Exception {
        NeonBranchRecord branch = scope.branch(request);
        JsonNode spec = request.json().path("branch");
        if (!spec.isObject()) {
            throw NeonErrors.invalid("field 'branch' is required");
        }
        scope.requireUnlocked(branch);
        if (spec.has("expires_at")) {
            if (branch.isDefault) {
                throw NeonErrors.invalid("the default branch cannot have an expiration");
            }
            scope.store.setExpiry(branch, spec.get("expires_at").isNull() ? null : expiry(spec.get("expires_at")));
        }
        if (spec.hasNonNull("name")) {
            synchronized (scope.store) {
                branch.name = spec.get("name").asText();
            }
        }
        return Reply.ok(NeonJson.withOperations("branch", NeonJson.branch(scope.store.project(), branch)));
    }

    private Reply delete(Request request) throws Exception {
        scope.project(request);
        NeonBranchRecord branch = scope.store.find(request.pathParam("branch")).orElse(null);
        if (branch == null) {
            return new Reply(204, null, Map.of());
        }
        if (branch.isDefault) {
            throw NeonErrors.invalid("cannot delete the project's default branch");
        }
        if (scope.store.all().stream().anyMatch(b -> branch.id.equals(b.parentId))) {
            throw NeonErrors.invalid("cannot delete a branch that has child branches");
        }
        scope.requireUnlocked(branch);
        scope.store.delete(branch);
        ObjectNode suspend = scope.operations.start(branch.id, branch.endpointId, "suspend_compute",
                NeonOperations.Effect.NONE, null);
        ObjectNode deleteTimeline = scope.operations.start(branch.id, null, "delete_timeline", NeonOperations.Effect.NONE,
                null);
        return Reply.ok(NeonJson.withOperations("branch", NeonJson.branch(scope.store.project(), branch), suspend,
                deleteTimeline));
    }

    private Reply restore(Request request) throws Exception {
        NeonBranchRecord target = scope.branch(request);
        JsonNode body = request.json();
        if (!body.hasNonNull("source_branch_id")) {
            throw NeonErrors.invalid("field 'source_branch_id' is required");
        }
        PointInTime point = NeonJson.pointInTime(body, "source_timestamp", "source_lsn");
        NeonBranchRecord source = scope.store.find(body.get("source_branch_id").asText())
                .orElseThrow(() -> NeonErrors.notFound("source branch not found"));
        String preserve = body.hasNonNull("preserve_under_name") ? body.get("preserve_under_name").asText() : null;
        if (source.id.equals(target.id) && (point == null || preserve == null)) {
            throw NeonErrors.invalid("restoring a branch from its own history needs 'source_timestamp' or 'source_lsn', "
                    + "and 'preserve_under_name' for its current state");
        }
        if (preserve == null && scope.store.all().stream().anyMatch(b -> target.id.equals(b.parentId))) {
            throw NeonErrors.invalid("the branch has children: 'preserve_under_name' is required");
        }
        scope.requireUnlocked(target);
        scope.restores.restore(target, source, point, preserve);
        ObjectNode operation = scope.operations.start(target.id, target.endpointId, "start_compute",
                NeonOperations.Effect.NONE, null);
        return Reply.ok(NeonJson.withOperations("branch", NeonJson.branch(scope.store.project(), target), operation));
    }

    /** An {@code expires_at}: RFC 3339, in the future, at most 30 days ahead; refused outright when tuned so. */
    private Instant expiry(JsonNode value) {
        if (scope.tuning.refuseExpiry()) {
            throw NeonErrors.invalid("expires_at is not available for this project: branch expiration is in early access");
        }
        Instant expires;
        try {
            expires = Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw NeonErrors.invalid("expires_at must be an RFC 3339 timestamp, got '" + value.asText() + "'");
        }
        Instant now = scope.clock.instant();
        if (!expires.isAfter(now)) {
            throw NeonErrors.invalid("expires_at must be in the future");
        }
        if (expires.isAfter(now.plus(MAX_EXPIRY))) {
            throw NeonErrors.invalid("expires_at must be at most 30 days in the future");
        }
        return expires;
    }

    private static Map<String, String> annotation(JsonNode value) {
        Map<String, String> annotation = new LinkedHashMap<>();
        if (value.isMissingNode() || value.isNull()) {
            return annotation;
        }
        if (!value.isObject() || value.size() > MAX_ANNOTATIONS) {
            throw NeonErrors.invalid("annotation_value must be an object of at most " + MAX_ANNOTATIONS + " strings");
        }
        value.properties().forEach(field -> {
            if (!field.getValue().isTextual()) {
                throw NeonErrors.invalid("annotation value '" + field.getKey() + "' must be a string");
            }
            annotation.put(field.getKey(), field.getValue().asText());
        });
        return annotation;
    }
}
