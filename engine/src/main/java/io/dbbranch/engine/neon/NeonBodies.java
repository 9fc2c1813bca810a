package io.dbbranch.engine.neon;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The request and response bodies of the Neon v2 calls we make, as the spec names them. Field names are mapped to
 * snake_case by {@code ApiJson}; {@code null} fields are not sent, unknown ones are ignored.
 */
final class NeonBodies {
    private NeonBodies() {
    }

    /** {@code POST /projects/{pid}/branches}. */
    record CreateBranch(BranchSpec branch, List<EndpointSpec> endpoints, Map<String, String> annotationValue) {
    }

    /**
     * Exactly one of {@code parentTimestamp} and {@code parentLsn} at most. {@code initSource}: {@code schema-only} for
     * a branch with the parent's schema and no data, {@code null} (Neon's default, {@code parent-data}) otherwise.
     */
    record BranchSpec(String name, String parentId, Instant parentTimestamp, String parentLsn, Instant expiresAt,
                      String initSource) {
        static final String SCHEMA_ONLY = "schema-only";
    }

    record EndpointSpec(String type) {
        static final EndpointSpec READ_WRITE = new EndpointSpec("read_write");
    }

    /** The 201 answer to a create: the branch, its new endpoint and the operations still running. */
    record CreatedBranch(NeonBranch branch, List<NeonEndpoint> endpoints, List<NeonOperation> operations) {
        CreatedBranch {
            endpoints = endpoints == null ? List.of() : endpoints;
            operations = operations == null ? List.of() : operations;
        }
    }

    record Annotation(Map<String, String> value) {
    }

    /** {@code GET /projects/{pid}/branches/{bid}}: the branch and its annotation, if it has one. */
    record BranchWithAnnotation(NeonBranch branch, Annotation annotation) {
    }

    /** One page of {@code GET /projects/{pid}/branches}; annotations are keyed by branch id. */
    record BranchPage(List<NeonBranch> branches, Map<String, Annotation> annotations, Pagination pagination) {
        BranchPage {
            branches = branches == null ? List.of() : branches;
            annotations = annotations == null ? Map.of() : annotations;
        }

        String nextCursor() {
            return pagination == null || pagination.next() == null || pagination.next().isEmpty() ? null : pagination.next();
        }
    }

    record Pagination(String next) {
    }

    /** The answer to a delete, update or restore. */
    record BranchOperations(NeonBranch branch, List<NeonOperation> operations) {
        BranchOperations {
            operations = operations == null ? List.of() : operations;
        }
    }

    /** {@code PATCH /projects/{pid}/branches/{bid}} moving the expiry. */
    record UpdateBranch(ExpirySpec branch) {
    }

    record ExpirySpec(Instant expiresAt) {
    }

    record EndpointList(List<NeonEndpoint> endpoints) {
        EndpointList {
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }

    record OperationBody(NeonOperation operation) {
    }

    /** {@code POST /projects/{pid}/branches/{bid}/roles}. */
    record CreateRole(RoleSpec role) {
    }

    record RoleSpec(String name) {
    }

    record RoleBody(NeonRole role) {
    }

    /** The answer to creating a role or resetting its password: the role with its new password. */
    record RoleOperations(NeonRole role, List<NeonOperation> operations) {
        RoleOperations {
            operations = operations == null ? List.of() : operations;
        }
    }

    /** {@code GET …/roles/{role}/reveal_password}. */
    record Password(String password) {
        @Override
        public String toString() {
            return "Password[****]";
        }
    }

    /** {@code GET /projects/{pid}}: the project, of which we read the history window. */
    record ProjectBody(Project project) {
    }

    /** {@code historyRetentionSeconds}: how far back branches and restores may reach; {@code null} when not said. */
    record Project(String id, Long historyRetentionSeconds) {
    }

    /** {@code POST /projects/{pid}/branches/{bid}/restore}. */
    record Restore(String sourceBranchId, Instant sourceTimestamp, String sourceLsn, String preserveUnderName) {
    }
}
