package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.http.ApiException;
import io.dbbranch.engine.http.ApiRequest;
import io.dbbranch.engine.http.Authenticator;
import io.dbbranch.engine.http.RestClient;
import java.util.Optional;

/** The Lakebase REST calls, typed: one method per call, authentication added, nothing else decided here. */
final class LakebaseApi {
    private static final String ROOT = "/api/2.0/postgres/";

    private final RestClient client;
    private final Authenticator auth;
    private final String project;

    LakebaseApi(RestClient client, Authenticator auth, String project) {
        this.client = client;
        this.auth = auth;
        this.project = project;
    }

    String projectName() {
        return "projects/" + project;
    }

    String branchName(String branchId) {
        return projectName() + "/branches/" + branchId;
    }

    Dto.Project getProject() {
        return client.send(ApiRequest.get(ROOT + projectName()).withAuth(auth)
                .describedAs("Read Lakebase project '" + project + "'"), Dto.Project.class);
    }

    Dto.Operation createBranch(String branchId, Dto.BranchSpec spec) {
        return client.send(ApiRequest.post(ROOT + projectName() + "/branches", new Dto.BranchBody(spec))
                .withQuery("branch_id", branchId).withAuth(auth)
                .describedAs("Create Lakebase branch '" + branchId + "' in project '" + project + "'"), Dto.Operation.class);
    }

    Optional<Dto.Branch> findBranch(String branchId) {
        try {
            return Optional.of(client.send(ApiRequest.get(ROOT + branchName(branchId)).withAuth(auth)
                    .describedAs("Read Lakebase branch '" + branchId + "' of project '" + project + "'"), Dto.Branch.class));
        } catch (ApiException e) {
            if (e.isStatus(404) && !mentionsProject(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Dto.BranchList listBranches(String pageToken, int pageSize) {
        return client.send(ApiRequest.get(ROOT + projectName() + "/branches").withQuery("page_size", pageSize)
                .withQuery("page_token", pageToken).withAuth(auth)
                .describedAs("List the branches of Lakebase project '" + project + "'"), Dto.BranchList.class);
    }

    Dto.Operation updateExpiration(String branchId, Dto.BranchSpec spec) {
        return client.send(ApiRequest.patch(ROOT + branchName(branchId), new Dto.BranchBody(spec))
                .withQuery("update_mask", "spec.expiration").withAuth(auth)
                .describedAs("Extend the expiry of Lakebase branch '" + branchId + "'"), Dto.Operation.class);
    }

    Dto.Operation deleteBranch(String branchId) {
        return client.send(ApiRequest.delete(ROOT + branchName(branchId)).withAuth(auth)
                .describedAs("Delete Lakebase branch '" + branchId + "'"), Dto.Operation.class);
    }

    Dto.Operation getOperation(String operationName, String what) {
        return client.send(ApiRequest.get(ROOT + operationName).withAuth(auth).describedAs("Follow " + what),
                Dto.Operation.class);
    }

    Dto.EndpointList listEndpoints(String branchId, String pageToken) {
        return client.send(ApiRequest.get(ROOT + branchName(branchId) + "/endpoints").withQuery("page_token", pageToken)
                .withAuth(auth)
                .describedAs("List the endpoints of Lakebase branch '" + branchId + "'"), Dto.EndpointList.class);
    }

    Dto.DatabaseCredential mintCredential(String endpointName, String ttl, String branchId) {
        // Two credentials instead of one do no harm, so a lost answer may be asked again.
        return client.send(ApiRequest.post(ROOT + "credentials", new Dto.CredentialRequest(endpointName, ttl))
                .idempotent(true).withAuth(auth)
                .describedAs("Mint a database credential for Lakebase branch '" + branchId + "'"), Dto.DatabaseCredential.class);
    }

    /** A 404 about the project (not the branch) must not read as "branch absent". */
    private static boolean mentionsProject(ApiException e) {
        String message = e.error().message();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).startsWith("project");
    }
}
