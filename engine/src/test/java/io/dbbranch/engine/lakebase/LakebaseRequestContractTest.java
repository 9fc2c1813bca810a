package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.DeleteBranchRequest;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.GetBranchRequest;
import com.databricks.sdk.service.postgres.GetOperationRequest;
import com.databricks.sdk.service.postgres.GetProjectRequest;
import com.databricks.sdk.service.postgres.ListBranchesRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import com.databricks.sdk.service.postgres.UpdateBranchRequest;
import com.google.protobuf.FieldMask;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.Authenticator;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.StubServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request our Lakebase client sends is the one the official SDK sends for the same call (method, path, query
 * names and values), and its body reads into the SDK's model with unknown properties fatal.
 */
class LakebaseRequestContractTest {
    private static final String BRANCH = "projects/shop/branches/ci-1";

    private final SdkReference sdk = new SdkReference();
    private StubServer stub;
    private RestClient client;
    private LakebaseApi api;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
        client = new RestClient(stub.uri(), HttpSettings.defaults());
        api = new LakebaseApi(client, Authenticator.bearer(Secret.of("dapi-test")), "shop");
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void aCreateIsPostedWhereTheSdkPostsItWithABranchBodyItReads() throws Exception {
        api.createBranch("ci-1", new Dto.BranchSpec("projects/shop/branches/main", null, null, "3600s", null, null));
        sdk.postgres().createBranch(new CreateBranchRequest().setParent("projects/shop").setBranchId("ci-1")
                .setBranch(new Branch()));

        assertThat(ours()).isEqualTo(sdk.last());
        Branch body = SdkReference.strictMapper().readValue(body(), Branch.class);
        assertThat(body.getSpec().getSourceBranch()).isEqualTo("projects/shop/branches/main");
        assertThat(body.getSpec().getTtl().getSeconds()).isEqualTo(3600);
    }

    @Test
    void createsAtATimeOrAnLsnSendSpecFieldsTheSdkKnows() throws Exception {
        api.createBranch("ci-1", new Dto.BranchSpec("projects/shop/branches/main", Instant.parse("2026-03-01T11:00:00Z"),
                null, "60s", null, null));
        Branch atTime = SdkReference.strictMapper().readValue(body(), Branch.class);
        api.createBranch("ci-2", new Dto.BranchSpec("projects/shop/branches/main", null, "0/1A2B3C", "60s", null, null));
        Branch atLsn = SdkReference.strictMapper().readValue(body(), Branch.class);

        assertThat(atTime.getSpec().getSourceBranchTime().getSeconds())
                .isEqualTo(Instant.parse("2026-03-01T11:00:00Z").getEpochSecond());
        assertThat(atLsn.getSpec().getSourceBranchLsn()).isEqualTo("0/1A2B3C");
    }

    @Test
    void anExpiryIsPatchedWithTheSdksUpdateMaskAndBody() throws Exception {
        api.updateExpiration("ci-1", Dto.BranchSpec.expiringAt(Instant.parse("2026-03-01T15:00:00Z")));
        sdk.postgres().updateBranch(new UpdateBranchRequest().setName(BRANCH).setBranch(new Branch())
                .setUpdateMask(FieldMask.newBuilder().addPaths("spec.expiration").build()));

        assertThat(ours()).isEqualTo(sdk.last());
        Branch body = SdkReference.strictMapper().readValue(body(), Branch.class);
        assertThat(body.getSpec().getExpireTime().getSeconds()).isEqualTo(Instant.parse("2026-03-01T15:00:00Z").getEpochSecond());
    }

    @Test
    void readsAndDeletesGoWhereTheSdksGo() {
        api.findBranch("ci-1");
        sdk.postgres().getBranch(new GetBranchRequest().setName(BRANCH));
        assertThat(ours()).isEqualTo(sdk.last());

        api.deleteBranch("ci-1");
        sdk.postgres().deleteBranch(new DeleteBranchRequest().setName(BRANCH));
        assertThat(ours()).isEqualTo(sdk.last());

        api.getOperation(BRANCH + "/operations/op-1", "the create");
        sdk.postgres().getOperation(new GetOperationRequest().setName(BRANCH + "/operations/op-1"));
        assertThat(ours()).isEqualTo(sdk.last());

        api.getProject();
        sdk.postgres().getProject(new GetProjectRequest().setName("projects/shop"));
        assertThat(ours()).isEqualTo(sdk.last());
    }

    @Test
    void listingsPageWithTheSdksQueryParameters() {
        api.listBranches("page-2", 100);
        sdk.postgres().listBranches(new ListBranchesRequest().setParent("projects/shop").setPageSize(100L)
                .setPageToken("page-2")).iterator().hasNext();
        assertThat(ours()).isEqualTo(sdk.last());

        api.listEndpoints("ci-1", "page-2");
        sdk.postgres().listEndpoints(new ListEndpointsRequest().setParent(BRANCH).setPageToken("page-2")).iterator().hasNext();
        assertThat(ours()).isEqualTo(sdk.last());
    }

    @Test
    void aCredentialIsAskedForWhereTheSdkAsksWithABodyItReads() throws Exception {
        api.mintCredential(BRANCH + "/endpoints/primary", "900s", "ci-1");
        sdk.postgres().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
                .setEndpoint(BRANCH + "/endpoints/primary"));

        assertThat(ours()).isEqualTo(sdk.last());
        GenerateDatabaseCredentialRequest body = SdkReference.strictMapper().readValue(body(),
                GenerateDatabaseCredentialRequest.class);
        assertThat(body.getEndpoint()).isEqualTo(BRANCH + "/endpoints/primary");
        assertThat(body.getTtl().getSeconds()).isEqualTo(900);
    }

    private SdkReference.Sent ours() {
        StubServer.Received last = stub.received().get(stub.received().size() - 1);
        return SdkReference.Sent.of(last.method(), last.path());
    }

    private String body() {
        return stub.received().get(stub.received().size() - 1).body();
    }
}
