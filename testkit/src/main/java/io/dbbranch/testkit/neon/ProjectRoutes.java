package io.dbbranch.testkit.neon;

import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Route;
import java.time.Duration;

/**
 * {@code GET /api/v2/projects/{project}} (route {@code projects.get}): the project, with its
 * {@code history_retention_seconds}: 0 when the emulator keeps no history (it shares a server).
 */
final class ProjectRoutes {
    private final ProjectScope scope;
    private final Duration historyRetention;

    ProjectRoutes(ProjectScope scope, Duration historyRetention) {
        this.scope = scope;
        this.historyRetention = historyRetention;
    }

    void register(EmulatorServer server) {
        server.route(new Route("projects.get", "GET", "/api/v2/projects/{project}", true, request -> {
            String project = scope.project(request);
            long retention = scope.store.backing().history().isPresent() ? historyRetention.toSeconds() : 0;
            return Reply.ok(NeonJson.project(project, retention, scope.store.defaultBranch().created));
        }));
    }
}
