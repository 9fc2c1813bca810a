package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Waiting for a branch: its read-write endpoint is found on whichever page of the endpoint listing it is, and a branch
 * the service described as ready moments ago costs one call, not two, without hiding a branch deleted since.
 */
class LakebaseEndpointPagingTest {
    private static final String READY = """
            {"name": "projects/shop/branches/ci-1", "status": {"current_state": "READY"}}""";
    private static final String READ_ONLY_PAGE = """
            {"endpoints": [{"name": "projects/shop/branches/ci-1/endpoints/ro-1", "endpoint_id": "ro-1",
              "status": {"current_state": "ACTIVE", "endpoint_type": "ENDPOINT_TYPE_READ_ONLY",
                         "hosts": {"host": "ro-1.example"}}}],
             "next_page_token": "page-2"}""";
    private static final String STARTING = """
            {"endpoints": [{"name": "projects/shop/branches/ci-1/endpoints/primary", "endpoint_id": "primary",
              "status": {"current_state": "STARTING", "endpoint_type": "ENDPOINT_TYPE_READ_WRITE"}}]}""";
    private static final String NOT_FOUND = """
            {"error_code": "NOT_FOUND", "message": "branch projects/shop/branches/ci-1 not found"}""";
    private static final String BRANCH = "/api/2.0/postgres/projects/shop/branches/ci-1";
    private static final String ENDPOINTS = BRANCH + "/endpoints";
    private static final String READ_WRITE_PAGE = """
            {"endpoints": [{"name": "projects/shop/branches/ci-1/endpoints/primary", "endpoint_id": "primary",
              "status": {"current_state": "ACTIVE", "endpoint_type": "ENDPOINT_TYPE_READ_WRITE",
                         "hosts": {"host": "rw.example"}}}]}""";

    @Test
    void aReadWriteEndpointOnTheSecondPageIsFound() throws Exception {
        try (StubServer stub = new StubServer().then(Answer.ok(READY), Answer.ok(READ_ONLY_PAGE), Answer.ok(READ_WRITE_PAGE));
             LakebaseProvider provider = provider(stub)) {
            ConnectionDetails connection = provider.awaitReady(branch(BranchState.CREATING), Duration.ofSeconds(5),
                    Progress.SILENT);

            assertThat(connection.host()).isEqualTo("rw.example");
            assertThat(connection.extras()).containsEntry("endpoint", "projects/shop/branches/ci-1/endpoints/primary");
            assertThat(paths(stub)).containsExactly(BRANCH, ENDPOINTS, ENDPOINTS + "?page_token=page-2");
        }
    }

    @Test
    void aBranchDescribedAsReadyIsNotReadAgainBeforeItsEndpoint() throws Exception {
        try (StubServer stub = new StubServer().then(Answer.ok(READ_WRITE_PAGE));
             LakebaseProvider provider = provider(stub)) {
            ConnectionDetails connection = provider.awaitReady(branch(BranchState.READY), Duration.ofSeconds(5),
                    Progress.SILENT);

            assertThat(connection.host()).isEqualTo("rw.example");
            assertThat(paths(stub)).containsExactly(ENDPOINTS);
        }
    }

    @Test
    void aReadyBranchWhoseEndpointIsStillStartingIsWaitedForInFull() throws Exception {
        try (StubServer stub = new StubServer().then(Answer.ok(STARTING), Answer.ok(READY), Answer.ok(STARTING),
                Answer.ok(READY), Answer.ok(READ_WRITE_PAGE));
             LakebaseProvider provider = provider(stub)) {
            List<String> progress = new ArrayList<>();
            ConnectionDetails connection = provider.awaitReady(branch(BranchState.READY), Duration.ofSeconds(5),
                    progress::add);

            assertThat(connection.host()).isEqualTo("rw.example");
            assertThat(paths(stub)).containsExactly(ENDPOINTS, BRANCH, ENDPOINTS, BRANCH, ENDPOINTS);
            assertThat(progress).anyMatch(line -> line.contains("endpoint primary is STARTING"));
        }
    }

    @Test
    void aBranchDeletedSinceItWasDescribedAsReadyIsReportedAbsent() throws Exception {
        try (StubServer stub = new StubServer().then(Answer.status(404, NOT_FOUND), Answer.status(404, NOT_FOUND));
             LakebaseProvider provider = provider(stub)) {
            assertThatThrownBy(() -> provider.awaitReady(branch(BranchState.READY), Duration.ofSeconds(5), Progress.SILENT))
                    .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                    .hasMessageContaining("the branch does not exist (any more)");
            assertThat(paths(stub)).containsExactly(ENDPOINTS, BRANCH);
        }
    }

    private static LakebaseProvider provider(StubServer stub) {
        return new LakebaseProvider(LakebaseConfig.builder().workspaceUrl(stub.uri().toString()).project("shop")
                .personalAccessToken(Secret.of("dapi-test"), "dev@example.com").pollInterval(Duration.ofMillis(10)).build());
    }

    private static BranchInfo branch(BranchState state) {
        return new BranchInfo("ci-1", "ci-1", "main", state, null, null, null, null);
    }

    private static List<String> paths(StubServer stub) {
        return stub.received().stream().map(StubServer.Received::path).toList();
    }
}
