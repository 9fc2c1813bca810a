package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.http.ApiRequest;
import io.dbbranch.engine.http.ApiResponse;
import io.dbbranch.engine.http.Authenticator;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.neon.NeonBodies.BranchOperations;
import io.dbbranch.engine.neon.NeonBodies.BranchPage;
import io.dbbranch.engine.neon.NeonBodies.BranchWithAnnotation;
import io.dbbranch.engine.neon.NeonBodies.CreateBranch;
import io.dbbranch.engine.neon.NeonBodies.CreatedBranch;
import io.dbbranch.engine.neon.NeonBodies.EndpointList;
import io.dbbranch.engine.neon.NeonBodies.OperationBody;
import io.dbbranch.engine.neon.NeonBodies.Password;
import io.dbbranch.engine.neon.NeonBodies.RoleBody;
import io.dbbranch.engine.neon.NeonBodies.RoleOperations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The calls of the Neon v2 API we make, typed, over one shared {@link RestClient} (which retries 429, 503 and 423).
 * Every call is described in words for error messages, and a refused API key is explained as such.
 */
final class NeonApi implements AutoCloseable {
    private final RestClient client;
    private final Authenticator auth;
    private final String project;
    private final String projectId;
    private final int pageSize;

    NeonApi(RestClient client, NeonConfig config) {
        this.client = client;
        this.auth = Authenticator.bearer(config.apiKey());
        this.projectId = config.projectId();
        this.pageSize = config.pageSize();
        this.project = "/projects/" + encode(config.projectId());
    }

    /** How many branches a listing page asks for: a page with fewer is the last. */
    int pageSize() {
        return pageSize;
    }

    String projectId() {
        return projectId;
    }

    NeonBodies.Project project() {
        return send(ApiRequest.get(project).describedAs("Read Neon project " + projectId), NeonBodies.ProjectBody.class)
                .project();
    }

    CreatedBranch createBranch(CreateBranch body, String what) {
        return send(ApiRequest.post(project + "/branches", body).describedAs(what), CreatedBranch.class);
    }

    /** The branch with its annotation; empty when there is no branch of that id. */
    Optional<BranchWithAnnotation> getBranch(String branchId) {
        return sendUnlessNotFound(ApiRequest.get(branchPath(branchId))
                .describedAs("Read Neon branch " + branchId + " of project " + projectId), BranchWithAnnotation.class);
    }

    /** One page of the branches whose name or id contains {@code search} (all for {@code null}). */
    BranchPage listBranches(String search, String cursor) {
        ApiRequest request = ApiRequest.get(project + "/branches")
                .withQuery("search", search == null || search.isEmpty() ? null : search)
                // Oldest first: creation times do not move between pages (the default, updated_at, does).
                .withQuery("sort_by", "created_at")
                .withQuery("sort_order", "asc")
                .withQuery("limit", pageSize)
                .withQuery("cursor", cursor)
                .describedAs("List the branches of Neon project " + projectId
                        + (search == null || search.isEmpty() ? "" : " matching '" + search + "'"));
        return send(request, BranchPage.class);
    }

    /** Deletes a branch; empty when it was already gone (204 or 404). */
    Optional<BranchOperations> deleteBranch(String branchId, String what) {
        try {
            ApiResponse response = client.send(ApiRequest.delete(branchPath(branchId)).withAuth(auth).describedAs(what));
            if (response.status() == 204 || !response.hasBody()) {
                return Optional.empty();
            }
            return Optional.of(read(response, BranchOperations.class, what));
        } catch (ApiException e) {
            if (e.isStatus(404)) {
                return Optional.empty();
            }
            throw explained(e);
        }
    }

    BranchOperations updateExpiry(String branchId, Instant expiresAt, String what) {
        NeonBodies.UpdateBranch body = new NeonBodies.UpdateBranch(new NeonBodies.ExpirySpec(expiresAt));
        return send(ApiRequest.patch(branchPath(branchId), body).describedAs(what), BranchOperations.class);
    }

    BranchOperations restore(String branchId, NeonBodies.Restore body, String what) {
        return send(ApiRequest.post(branchPath(branchId) + "/restore", body).describedAs(what), BranchOperations.class);
    }

    List<NeonEndpoint> endpoints(String branchId) {
        return send(ApiRequest.get(branchPath(branchId) + "/endpoints")
                .describedAs("List the endpoints of Neon branch " + branchId), EndpointList.class).endpoints();
    }

    NeonOperation operation(String operationId) {
        return send(ApiRequest.get(project + "/operations/" + encode(operationId))
                .describedAs("Read Neon operation " + operationId), OperationBody.class).operation();
    }

    Optional<NeonRole> getRole(String branchId, String role) {
        return sendUnlessNotFound(ApiRequest.get(rolePath(branchId, role))
                .describedAs("Read role " + role + " of Neon branch " + branchId), RoleBody.class).map(RoleBody::role);
    }

    RoleOperations createRole(String branchId, String role) {
        NeonBodies.CreateRole body = new NeonBodies.CreateRole(new NeonBodies.RoleSpec(role));
        return send(ApiRequest.post(branchPath(branchId) + "/roles", body)
                .describedAs("Create role " + role + " on Neon branch " + branchId), RoleOperations.class);
    }

    /** Drops a role; empty when it was already gone. */
    Optional<RoleOperations> deleteRole(String branchId, String role) {
        String what = "Drop role " + role + " of Neon branch " + branchId;
        try {
            ApiResponse response = client.send(ApiRequest.delete(rolePath(branchId, role)).withAuth(auth).describedAs(what));
            return response.status() == 204 || !response.hasBody() ? Optional.empty()
                    : Optional.of(read(response, RoleOperations.class, what));
        } catch (ApiException e) {
            if (e.isStatus(404)) {
                return Optional.empty();
            }
            throw explained(e);
        }
    }

    /** The stored password; throws the raw {@link ApiException} (412 when the project stores no passwords). */
    Password revealPassword(String branchId, String role) {
        return client.send(ApiRequest.get(rolePath(branchId, role) + "/reveal_password").withAuth(auth)
                .describedAs("Reveal the password of role " + role + " on Neon branch " + branchId), Password.class);
    }

    RoleOperations resetPassword(String branchId, String role) {
        // Not idempotent (each reset makes a new password), so never repeated after a lost answer.
        return send(ApiRequest.post(rolePath(branchId, role) + "/reset_password", null)
                .describedAs("Reset the password of role " + role + " on Neon branch " + branchId), RoleOperations.class);
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T send(ApiRequest request, Class<T> type) {
        try {
            return client.send(request.withAuth(auth), type);
        } catch (ApiException e) {
            throw explained(e);
        }
    }

    private <T> Optional<T> sendUnlessNotFound(ApiRequest request, Class<T> type) {
        try {
            return Optional.of(client.send(request.withAuth(auth), type));
        } catch (ApiException e) {
            if (e.isStatus(404) && !isProjectMissing(e)) {
                return Optional.empty();
            }
            throw explained(e);
        }
    }

    private <T> T read(ApiResponse response, Class<T> type, String what) {
        try {
            return io.dbbranch.engine.http.ApiJson.mapper().readValue(response.body(), type);
        } catch (java.io.IOException e) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, what, "the answer (" + response + ") could not be read: "
                    + e.getMessage(), "Check that the API URL points at the Neon API", e);
        }
    }

    /**
     * A refused key and an unknown project are common set-up mistakes: say which setting to check. Other failures
     * keep the HTTP layer's message, which already names the call, the status and the server's explanation.
     */
    private DbBranchException explained(ApiException e) {
        if (e.isStatus(401)) {
            return DbBranchException.of(ErrorCode.AUTHENTICATION, firstPart(e), "Neon refused the API key (HTTP 401: "
                    + e.error().describe() + ")", "Check the API key: it may be mistyped, revoked, or belong to another "
                    + "organization; create a new one under Account settings → API keys", e);
        }
        if (isProjectMissing(e)) {
            return DbBranchException.of(ErrorCode.NOT_FOUND, firstPart(e), "Neon knows no project '" + projectId
                    + "' that this API key can see (HTTP 404: " + e.error().describe() + ")",
                    "Check the project id in the project's settings, and that the key belongs to its organization", e);
        }
        return e;
    }

    private static boolean isProjectMissing(ApiException e) {
        String message = e.error().message();
        String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        // Neon says "project not found"; a missing branch, role or operation is a 404 too, and means something else.
        return e.isStatus(404) && lower.contains("project") && !lower.contains("branch") && !lower.contains("role")
                && !lower.contains("operation");
    }

    private static String firstPart(ApiException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(0, colon);
    }

    private String branchPath(String branchId) {
        return project + "/branches/" + encode(branchId);
    }

    private String rolePath(String branchId, String role) {
        return branchPath(branchId) + "/roles/" + encode(role);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
