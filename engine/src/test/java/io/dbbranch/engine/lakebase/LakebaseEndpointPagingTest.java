package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A branch's read-write endpoint is found on whichever page of the endpoint listing it is. */
class LakebaseEndpointPagingTest {
    private static final String READY = """
            {"name": "projects/shop/branches/ci-1", "status": {"current_state": "READY"}}""";
    private static final String READ_ONLY_PAGE = """
            {"endpoints": [{"name": "projects/shop/branches/ci-1/endpoints/ro-1", "endpoint_id": "ro-1",
              "status": {"current_state": "ACTIVE", "endpoint_type": "ENDPOINT_TYPE_READ_ONLY",
                         "hosts": {"host": "ro-1.example"}}}],
             "next_page_token": "page-2"}""";
    private static final String READ_WRITE_PAGE = """
            {"endpoints": [{"name": "projects/shop/branches/ci-1/endpoints/primary", "endpoint_id": "primary",
              "status": {"current_state": "ACTIVE", "endpoint_type": "ENDPOINT_TYPE_READ_WRITE",
                         "hosts": {"host": "rw.example"}}}]}""";

    @Test
    void aReadWriteEndpointOnTheSecondPageIsFound() throws Exception {
        try (StubServer stub = new StubServer().then(Answer.ok(READY), Answer.ok(READ_ONLY_PAGE), Answer.ok(READ_WRITE_PAGE));
             LakebaseProvider provider = new LakebaseProvider(LakebaseConfig.builder().workspaceUrl(stub.uri().toString())
                     .project("shop").personalAccessToken(Secret.of("dapi-test"), "dev@example.com")
                     .pollInterval(Duration.ofMillis(10)).build())) {
            BranchInfo branch = new BranchInfo("ci-1", "ci-1", "main", BranchState.READY, null, null, null, null);

            ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(5), Progress.SILENT);

            assertThat(connection.host()).isEqualTo("rw.example");
            assertThat(connection.extras()).containsEntry("endpoint", "projects/shop/branches/ci-1/endpoints/primary");
            assertThat(stub.received()).extracting(StubServer.Received::path).containsExactly(
                    "/api/2.0/postgres/projects/shop/branches/ci-1",
                    "/api/2.0/postgres/projects/shop/branches/ci-1/endpoints",
                    "/api/2.0/postgres/projects/shop/branches/ci-1/endpoints?page_token=page-2");
        }
    }
}
