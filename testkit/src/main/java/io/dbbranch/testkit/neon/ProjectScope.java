package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.Request;
import java.time.Clock;

/**
 * What every route of the Neon emulator works with: the project's branches, their restores and operations, the
 * tuning, and the checks common to all routes (the project exists, the branch exists, no operation holds the branch).
 */
final class ProjectScope {
    final ProjectStore store;
    final BranchRestores restores;
    final NeonOperations operations;
    final NeonTuning tuning;
    final Clock clock;
    private final String endpointDomain;

    /**
     * @param endpointDomain when set, endpoints are named {@code <endpoint id>.<domain>} as on Neon; when {@code null},
     *                       they are {@code 127.0.0.1}, where the backing server listens
     */
    ProjectScope(ProjectStore store, NeonOperations operations, NeonTuning tuning, Clock clock, String endpointDomain) {
        this.store = store;
        this.restores = new BranchRestores(store, clock);
        this.operations = operations;
        this.tuning = tuning;
        this.clock = clock;
        this.endpointDomain = endpointDomain;
    }

    /** The project of the request's path, which must be ours. */
    String project(Request request) {
        String project = request.pathParam("project");
        if (!store.project().equals(project)) {
            throw NeonErrors.notFound("project not found");
        }
        return project;
    }

    /** The branch of the request's path. */
    NeonBranchRecord branch(Request request) {
        project(request);
        return store.get(request.pathParam("branch"));
    }

    /** Neon refuses to change a branch while one of its operations runs: 423 Locked. */
    void requireUnlocked(NeonBranchRecord branch) {
        if (tuning.lockWhileOperationsRun() && operations.runningOn(branch.id)) {
            throw NeonErrors.locked();
        }
    }

    /** The branch's endpoint as described to clients; a pending "wrong endpoint" fault names the parent instead. */
    ObjectNode endpoint(NeonBranchRecord branch) {
        String reported = branch.id;
        if (tuning.takeWrongEndpointReport()) {
            reported = branch.parentId != null ? branch.parentId : store.defaultBranch().id;
        }
        String host = endpointDomain == null ? "127.0.0.1" : branch.endpointId + "." + endpointDomain;
        return NeonJson.endpoint(store.project(), branch, reported, host);
    }
}
