package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.BranchStatus;
import com.databricks.sdk.service.postgres.BranchStatusState;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.DatabricksServiceExceptionWithDetailsProto;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointHosts;
import com.databricks.sdk.service.postgres.EndpointStatus;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.ErrorCode;
import com.databricks.sdk.service.postgres.ListBranchesResponse;
import com.databricks.sdk.service.postgres.ListEndpointsResponse;
import com.databricks.sdk.service.postgres.Operation;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import com.databricks.sdk.service.postgres.ProjectStatus;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiJson;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers written by the official SDK from its own models read right in our client. */
class LakebaseResponseContractTest {
    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-03-01T13:00:00Z");

    private final LakebaseConfig config = LakebaseConfig.builder().workspaceUrl(SdkReference.HOST).project("shop")
            .servicePrincipal("sp", Secret.of("s")).owner("jenkins").build();

    @Test
    void aBranchWithItsStatusIsRead() throws Exception {
        Dto.Branch branch = read(plainBranch(), Dto.Branch.class);

        BranchInfo info = new BranchMapping(config).toInfo(branch);
        assertThat(info.name()).isEqualTo("ci-1");
        assertThat(info.state()).isEqualTo(BranchState.READY);
        assertThat(info.parent()).isEqualTo("main");
        assertThat(info.createdAt()).isEqualTo(CREATED);
        assertThat(info.expiresAt()).isEqualTo(EXPIRES);
        assertThat(info.labels().owner()).isEqualTo("jenkins");
        assertThat(info.restorePoint()).as("a plain branch").isNull();
    }

    @Test
    void aBranchListingWithItsNextPageIsRead() throws Exception {
        Dto.BranchList list = read(new ListBranchesResponse().setBranches(List.of(plainBranch())).setNextPageToken("p2"),
                Dto.BranchList.class);

        assertThat(list.branches()).extracting(Dto.Branch::id).containsExactly("ci-1");
        assertThat(list.nextPageToken()).isEqualTo("p2");
    }

    @Test
    void anEndpointsHostAndStateAreRead() throws Exception {
        Endpoint endpoint = new Endpoint().setName("projects/shop/branches/ci-1/endpoints/primary").setEndpointId("primary")
                .setStatus(new EndpointStatus().setCurrentState(EndpointStatusState.ACTIVE)
                        .setEndpointType(EndpointType.ENDPOINT_TYPE_READ_WRITE)
                        .setHosts(new EndpointHosts().setHost("ep-1.database.cloud.databricks.com")));
        Dto.EndpointList list = read(new ListEndpointsResponse().setEndpoints(List.of(endpoint)).setNextPageToken("p2"),
                Dto.EndpointList.class);

        Dto.Endpoint read = list.endpoints().get(0);
        assertThat(read.isReadWrite()).isTrue();
        assertThat(read.state()).isEqualTo("ACTIVE");
        assertThat(read.host()).isEqualTo("ep-1.database.cloud.databricks.com");
        assertThat(read.port()).isNull();
        assertThat(list.nextPageToken()).isEqualTo("p2");
    }

    @Test
    void operationsNotDoneDoneAndFailedAreRead() throws Exception {
        String name = "projects/shop/branches/ci-1/operations/op-1";
        Dto.Operation running = read(new Operation().setName(name).setDone(false), Dto.Operation.class);
        Dto.Operation done = read(new Operation().setName(name).setDone(true).setResponse(plainBranch()), Dto.Operation.class);
        Dto.Operation failed = read(new Operation().setName(name).setDone(true).setError(
                new DatabricksServiceExceptionWithDetailsProto().setErrorCode(ErrorCode.RESOURCE_EXHAUSTED)
                        .setMessage("too many branches")), Dto.Operation.class);

        assertThat(running.done()).isFalse();
        assertThat(running.name()).isEqualTo(name);
        assertThat(done.done()).isTrue();
        assertThat(done.error()).isNull();
        assertThat(done.response().id()).isEqualTo("ci-1");
        assertThat(failed.error().describe()).isEqualTo("RESOURCE_EXHAUSTED: too many branches");
    }

    @Test
    void aCredentialsTokenAndExpiryAreRead() throws Exception {
        Dto.DatabaseCredential credential = read(new DatabaseCredential().setToken("eyJ-token")
                .setExpireTime(Timestamps.parse("2026-03-01T12:15:00Z")), Dto.DatabaseCredential.class);

        assertThat(credential.token()).isEqualTo("eyJ-token");
        assertThat(credential.expireTime()).isEqualTo(Instant.parse("2026-03-01T12:15:00Z"));
    }

    @Test
    void aProjectsHistoryRetentionIsRead() throws Exception {
        Dto.Project project = read(new Project().setName("projects/shop")
                .setSpec(new ProjectSpec().setHistoryRetentionDuration(Durations.fromDays(7)))
                .setStatus(new ProjectStatus().setHistoryRetentionDuration(Durations.fromDays(2))), Dto.Project.class);

        assertThat(project.historyRetentionDuration()).isEqualTo("172800s");
    }

    private static Branch plainBranch() throws Exception {
        return new Branch().setName("projects/shop/branches/ci-1").setUid("br-1").setParent("projects/shop")
                .setCreateTime(Timestamps.parse(CREATED.toString()))
                .setSpec(new BranchSpec().setSourceBranch("projects/shop/branches/main").setTtl(Durations.fromSeconds(3600)))
                .setStatus(new BranchStatus().setCurrentState(BranchStatusState.READY).setDefault(false)
                        .setExpireTime(Timestamps.parse(EXPIRES.toString()))
                        .setSourceBranch("projects/shop/branches/main").setSourceBranchLsn("0/1A2B3C")
                        .setSourceBranchTime(Timestamps.parse(CREATED.toString())));
    }

    private static <T> T read(Object sdkModel, Class<T> type) throws Exception {
        return ApiJson.mapper().readValue(SdkReference.mapper().writeValueAsString(sdkModel), type);
    }
}
