package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.http.ApiJson;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The DTOs read and write the API's JSON as documented (snake_case, the {@code default} keyword, one-ofs). */
class LakebaseJsonMappingTest {
    private static final String BRANCH = """
            {"name": "projects/shop/branches/ci-api-42-k3x9q", "uid": "br-123", "parent": "projects/shop",
             "create_time": "2026-03-01T12:00:00Z", "update_time": "2026-03-01T12:00:01Z",
             "status": {"current_state": "READY", "default": false, "is_protected": false,
                        "expire_time": "2026-03-01T13:00:00Z", "source_branch": "projects/shop/branches/main",
                        "source_branch_lsn": "0/1A2B3C", "logical_size_bytes": 1024, "something_new": 1}}
            """;

    private final LakebaseConfig config = LakebaseConfig.builder().workspaceUrl("https://dbc-1.cloud.databricks.com")
            .project("shop").servicePrincipal("sp", io.dbbranch.engine.credentials.Secret.of("s")).owner("jenkins").build();

    @Test
    void aBranchOfOursIsReadWithMinimalLabelsFromItsPrefixAndExpiry() throws Exception {
        Dto.Branch branch = ApiJson.mapper().readValue(BRANCH, Dto.Branch.class);

        BranchInfo info = new BranchMapping(config).toInfo(branch);

        assertThat(branch.id()).isEqualTo("ci-api-42-k3x9q");
        assertThat(branch.status().isDefault()).isFalse();
        assertThat(info.state()).isEqualTo(BranchState.READY);
        assertThat(info.parent()).isEqualTo("main");
        assertThat(info.expiresAt()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        assertThat(info.labels().owner()).isEqualTo("jenkins");
        assertThat(info.labels().createdAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void aPlainChildHasNoRestorePointAlthoughItsStatusNamesTheSourcesLsn() throws Exception {
        Dto.Branch plain = ApiJson.mapper().readValue(BRANCH.replace("\"status\"",
                "\"spec\": {\"source_branch\": \"projects/shop/branches/main\", \"ttl\": \"3600s\"}, \"status\""), Dto.Branch.class);

        assertThat(new BranchMapping(config).toInfo(plain).restorePoint()).isNull();
        assertThat(new BranchMapping(config).toInfo(ApiJson.mapper().readValue(BRANCH, Dto.Branch.class)).restorePoint()).isNull();
    }

    @Test
    void aBranchMadeAtAPointReportsThePointTheServiceUsed() throws Exception {
        Dto.Branch past = ApiJson.mapper().readValue(BRANCH.replace("\"status\"",
                "\"spec\": {\"source_branch_time\": \"2026-03-01T11:00:00Z\"}, \"status\""), Dto.Branch.class);

        BranchInfo info = new BranchMapping(config).toInfo(past);

        assertThat(info.restorePoint()).isNotNull();
        assertThat(info.restorePoint().lsn()).isEqualTo("0/1A2B3C");
    }

    @Test
    void aBranchWithoutOurPrefixHasNoLabels() throws Exception {
        Dto.Branch branch = ApiJson.mapper().readValue(BRANCH.replace("ci-api-42-k3x9q", "staging"), Dto.Branch.class);

        assertThat(new BranchMapping(config).toInfo(branch).labels()).isNull();
    }

    @Test
    void aCreateSpecCarriesExactlyOneExpirationAndNoNulls() throws Exception {
        String json = ApiJson.mapper().writeValueAsString(new Dto.BranchBody(new Dto.BranchSpec(
                "projects/shop/branches/main", Instant.parse("2026-03-01T11:00:00Z"), null, "3600s", null, null)));

        assertThat(json).isEqualTo("{\"spec\":{\"source_branch\":\"projects/shop/branches/main\","
                + "\"source_branch_time\":\"2026-03-01T11:00:00Z\",\"ttl\":\"3600s\"}}");
        assertThat(ApiJson.mapper().writeValueAsString(new Dto.BranchBody(Dto.BranchSpec.expiringAt(
                Instant.parse("2026-03-01T15:00:00Z"))))).isEqualTo("{\"spec\":{\"expire_time\":\"2026-03-01T15:00:00Z\"}}");
    }

    @Test
    void operationsAndEndpointsAreRead() throws Exception {
        Dto.Operation operation = ApiJson.mapper().readValue("""
                {"name": "projects/shop/branches/b/operations/o1", "done": true,
                 "metadata": {"@type": "x"}, "error": {"error_code": "INTERNAL_ERROR", "message": "boom"}}
                """, Dto.Operation.class);
        Dto.EndpointList endpoints = ApiJson.mapper().readValue("""
                {"endpoints": [{"name": "projects/shop/branches/b/endpoints/primary", "endpoint_id": "primary",
                  "status": {"current_state": "IDLE", "endpoint_type": "ENDPOINT_TYPE_READ_WRITE",
                             "hosts": {"host": "ep-1.database.cloud.databricks.com"}}}]}
                """, Dto.EndpointList.class);

        assertThat(operation.done()).isTrue();
        assertThat(operation.error().describe()).isEqualTo("INTERNAL_ERROR: boom");
        assertThat(endpoints.endpoints().get(0).isReadWrite()).isTrue();
        assertThat(endpoints.endpoints().get(0).state()).isEqualTo("IDLE");
        assertThat(endpoints.endpoints().get(0).host()).isEqualTo("ep-1.database.cloud.databricks.com");
    }

    @Test
    void secretsStayOutOfTheDtosStrings() {
        assertThat(new Dto.AccessToken("eyJ-secret", "Bearer", 3600L).toString()).doesNotContain("eyJ-secret");
        assertThat(new Dto.DatabaseCredential("eyJ-secret", Instant.EPOCH).toString()).doesNotContain("eyJ-secret");
    }

    @Test
    void configDefaultsFollowLakebase() {
        assertThat(config.port()).isEqualTo(5432);
        assertThat(config.sslMode()).isEqualTo("require");
        assertThat(config.databaseFor("b")).isEqualTo("databricks_postgres");
        assertThat(config.postgresRole()).isEqualTo("sp");
        assertThat(config.toString()).doesNotContain("clientSecret=s,");
    }
}
