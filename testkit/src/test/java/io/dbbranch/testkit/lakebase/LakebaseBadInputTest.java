package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RetryPolicy;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong settings and requests fail with a message that says what to fix, and leave no branch behind. */
class LakebaseBadInputTest {
    private final LakebaseEmulator emulator = TestLakebase.emulator();
    private List<String> before;

    @BeforeEach
    void rememberBranches() {
        before = emulator.branchIds();
    }

    @AfterEach
    void nothingWasLeftBehind() {
        assertThat(emulator.branchIds()).containsExactlyElementsOf(before);
        TestLakebase.reset();
    }

    private DbBranchException createFails(LakebaseConfig config, CreateBranchRequest request) {
        try (LakebaseProvider provider = new LakebaseProvider(config)) {
            return catchThrowableOfType(DbBranchException.class, () -> provider.createBranch(request));
        }
    }

    @Test
    void aWorkspaceUrlThatIsNoUrlIsRefusedBeforeAnyCall() {
        for (String url : List.of("dbc-1234.cloud.databricks.com", "ftp://example.com", "https://h/some/path", " ")) {
            DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                    () -> TestLakebase.config().workspaceUrl(url).build());

            assertThat(failure.code()).as(url).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(failure.getMessage()).as(url).contains("workspace URL", "https://");
        }
    }

    @Test
    void aWorkspaceThatDoesNotAnswerIsReportedWithItsAddress() {
        LakebaseConfig nowhere = TestLakebase.config().workspaceUrl("http://127.0.0.1:1")
                .http(HttpSettings.defaults().withRetry(RetryPolicy.defaults().withMaxAttempts(2)
                        .withBackoff(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20))))
                .build();

        DbBranchException failure = createFails(nowhere, TestLakebase.request(TestLakebase.name("nowhere")));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(failure.getMessage()).contains("Sign in to Databricks workspace http://127.0.0.1:1", "no answer",
                "Check the URL");
    }

    @Test
    void aWrongClientSecretIsA401ThatNamesTheServicePrincipal() {
        String clientId = emulator.identities().clientId();
        LakebaseConfig wrongSecret = TestLakebase.config().servicePrincipal(clientId, Secret.of("not-the-secret")).build();

        DbBranchException failure = createFails(wrongSecret, TestLakebase.request(TestLakebase.name("secret")));

        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("as service principal " + clientId, "HTTP 401",
                "invalid_client", "Check the credentials").doesNotContain("not-the-secret");
    }

    @Test
    void aWrongPersonalAccessTokenIsA401() {
        LakebaseConfig wrongToken = TestLakebase.config().servicePrincipal(null, null)
                .personalAccessToken(Secret.of("dapi-wrong"), "someone@example.com").build();

        DbBranchException failure = createFails(wrongToken, TestLakebase.request(TestLakebase.name("pat")));

        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("HTTP 401").doesNotContain("dapi-wrong");
    }

    @Test
    void anUnknownProjectIsA404ThatNamesTheProject() {
        DbBranchException failure = createFails(TestLakebase.config().project("no-such-project").build(),
                TestLakebase.request(TestLakebase.name("project")));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure.getMessage()).contains("in project 'no-such-project'", "HTTP 404",
                "Check the project id 'no-such-project'");
    }

    @Test
    void anUnknownParentIsA404ThatNamesTheParent() {
        DbBranchException failure = createFails(TestLakebase.config().build(),
                TestLakebase.request(TestLakebase.name("parent"), "no-such-parent"));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure.getMessage()).contains("from 'no-such-parent'", "branch id not found",
                "the parent branch 'no-such-parent'");
    }

    @Test
    void aBranchFromBeforeTheEmulatorsHistoryIsRefusedWith400NamingTheWindow() {
        CreateBranchRequest request = TestLakebase.request(TestLakebase.name("pitr"));
        CreateBranchRequest fromThePast = new CreateBranchRequest(request.name(), "main",
                PointInTime.at(Instant.now().minus(Duration.ofDays(1))), request.expiresAt(), request.labels());

        DbBranchException failure = createFails(TestLakebase.config().build(), fromThePast);

        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failure.getMessage()).contains("HTTP 400", "INVALID_PARAMETER_VALUE", "before the history window");
    }

    @Test
    void aDatabaseTheBranchDoesNotHaveFailsAtTheFirstLoginNotAtTheReadyTimeout(@TempDir Path secrets) {
        LeaseSpec spec = LeaseSpec.builder("main").owner("test-owner").name(TestLakebase.name("nodb"))
                .readyTimeout(Duration.ofMinutes(10)).secretsDirectory(secrets).build();
        long started = System.nanoTime();

        DbBranchException failure;
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().database("no_such_db").build())) {
            failure = catchThrowableOfType(DbBranchException.class, () -> BranchLease.open(provider, spec, Progress.SILENT));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("far less than the ready timeout of 10 minutes")
                .isLessThan(Duration.ofMinutes(1));
        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure.getMessage()).contains("the branch has no database 'no_such_db'", "3D000",
                "DBBRANCH_LAKEBASE_DATABASE", "Database field");
        assertThat(emulator.branchIds()).as("the branch was deleted").doesNotContain(spec.name());
    }

    @Test
    void anInvalidNameIsRefusedBeforeAnyCall() {
        CreateBranchRequest request = TestLakebase.request("CI_Not Valid");

        DbBranchException failure = createFails(TestLakebase.config().build(), request);

        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failure.getMessage()).contains("Try 'ci-not-valid'");
    }

    @Test
    void aServicePrincipalAndATokenTogetherAreRefused() {
        DbBranchException failure = catchThrowableOfType(DbBranchException.class, () -> TestLakebase.config()
                .personalAccessToken(Secret.of("dapi-x"), "me@example.com").build());

        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failure.getMessage()).contains("either a service principal").doesNotContain("dapi-x");
    }
}
