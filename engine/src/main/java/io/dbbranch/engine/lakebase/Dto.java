package io.dbbranch.engine.lakebase;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The Lakebase API's JSON shapes ({@code /api/2.0/postgres}), as far as this provider reads or writes them.
 * Property names map to snake_case through {@link io.dbbranch.engine.http.ApiJson}; unknown fields are ignored.
 */
final class Dto {
    private Dto() {
    }

    /** {@code POST …/branches?branch_id=} body and {@code PATCH} body: {@code {"spec": {...}}}. */
    record BranchBody(BranchSpec spec) {
    }

    /** Exactly one of {@code ttl}, {@code expireTime}, {@code noExpiry} is set (the API's "expiration" one-of). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BranchSpec(String sourceBranch, Instant sourceBranchTime, String sourceBranchLsn, String ttl,
                      Instant expireTime, Boolean noExpiry) {
        static BranchSpec expiringAt(Instant expireTime) {
            return new BranchSpec(null, null, null, null, expireTime, null);
        }
    }

    /** {@code spec} echoes what the create asked for (a point in the source's history or none); {@code status} what is. */
    record Branch(String name, String branchId, String uid, String parent, Instant createTime, Instant updateTime,
                  BranchSpec spec, BranchStatus status) {
        /** The id: {@code branch_id}, or the last segment of the name. */
        String id() {
            if (branchId != null && !branchId.isBlank()) {
                return branchId;
            }
            return name == null ? null : name.substring(name.lastIndexOf('/') + 1);
        }

        String state() {
            return status == null ? null : status.currentState();
        }

        /** Whether it was made at a point of its source's past (its status names a source point for every branch). */
        boolean madeAtAPoint() {
            return spec != null && (spec.sourceBranchTime() != null || spec.sourceBranchLsn() != null);
        }
    }

    /** {@code default} is a Java keyword, hence {@code isDefault}. */
    record BranchStatus(String currentState, String pendingState, @JsonProperty("default") Boolean isDefault,
                        Boolean isProtected, Instant expireTime, String sourceBranch, Instant sourceBranchTime,
                        String sourceBranchLsn) {
    }

    record BranchList(List<Branch> branches, String nextPageToken) {
        BranchList {
            branches = branches == null ? List.of() : branches;
        }
    }

    /** A long-running operation; {@code response} is the resource when it is done and succeeded. */
    record Operation(String name, boolean done, OperationError error, Branch response) {
    }

    record OperationError(String errorCode, String message) {
        String describe() {
            return (errorCode == null ? "" : errorCode + ": ") + (message == null ? "no message" : message);
        }
    }

    /** {@code GET /api/2.0/postgres/projects/{p}}: the history window is in its spec and status. */
    record Project(String name, ProjectSettings spec, ProjectSettings status) {
        /** The retention the status reports, else the one the spec asks for; {@code null} when neither says. */
        String historyRetentionDuration() {
            if (status != null && status.historyRetentionDuration() != null) {
                return status.historyRetentionDuration();
            }
            return spec == null ? null : spec.historyRetentionDuration();
        }
    }

    /** The part of a project's spec or status this provider reads: a protobuf duration such as {@code "604800s"}. */
    record ProjectSettings(String historyRetentionDuration) {
    }

    record Endpoint(String name, String endpointId, EndpointStatus status) {
        boolean isReadWrite() {
            return status != null && "ENDPOINT_TYPE_READ_WRITE".equals(status.endpointType());
        }

        String state() {
            return status == null ? null : status.currentState();
        }

        String host() {
            return status == null || status.hosts() == null ? null : status.hosts().host();
        }

        /** The port, where the endpoint names one (the service does not: it is always 5432; the emulator does). */
        Integer port() {
            return status == null || status.hosts() == null ? null : status.hosts().port();
        }
    }

    record EndpointStatus(String currentState, String endpointType, Hosts hosts) {
    }

    /** {@code port} is not part of the service's answer; an emulator serving branches on several ports sends it. */
    record Hosts(String host, String readOnlyHost, Integer port) {
    }

    record EndpointList(List<Endpoint> endpoints, String nextPageToken) {
        EndpointList {
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }

    record CredentialRequest(String endpoint, String ttl) {
    }

    /** Holds a database password: its {@code toString} hides it. */
    record DatabaseCredential(String token, Instant expireTime) {
        @Override
        public String toString() {
            return "DatabaseCredential[expireTime=" + expireTime + "]";
        }
    }

    /** The OIDC token endpoint's answer. Holds a bearer token: its {@code toString} hides it. */
    record AccessToken(String accessToken, String tokenType, Long expiresIn) {
        @Override
        public String toString() {
            return "AccessToken[expiresIn=" + expiresIn + "]";
        }
    }
}
