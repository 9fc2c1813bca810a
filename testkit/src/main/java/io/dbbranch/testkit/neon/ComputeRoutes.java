package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Request;
import io.dbbranch.testkit.emulator.Route;

/** A branch's endpoints ({@code endpoints.list}) and the project's operations ({@code operations.get}). */
final class ComputeRoutes {
    private final ProjectScope scope;

    ComputeRoutes(ProjectScope scope) {
        this.scope = scope;
    }

    void register(EmulatorServer server) {
        server.route(new Route("endpoints.list", "GET", BranchRoutes.BRANCH + "/endpoints", true, this::endpoints))
                .route(new Route("operations.get", "GET", "/api/v2/projects/{project}/operations/{operation}", true,
                        this::operation));
    }

    private Reply endpoints(Request request) {
        NeonBranchRecord branch = scope.branch(request);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode endpoints = answer.putArray("endpoints");
        if (branch.hasEndpoint()) {
            synchronized (scope.store) {
                if (branch.endpointStarted && branch.endpointPollsLeft > 0) {
                    branch.endpointPollsLeft--;
                }
            }
            endpoints.add(scope.endpoint(branch));
        }
        return Reply.ok(answer);
    }

    private Reply operation(Request request) {
        scope.project(request);
        ObjectNode operation = scope.operations.poll(request.pathParam("operation"))
                .orElseThrow(() -> NeonErrors.notFound("operation not found"));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("operation", operation);
        return Reply.ok(answer);
    }
}
