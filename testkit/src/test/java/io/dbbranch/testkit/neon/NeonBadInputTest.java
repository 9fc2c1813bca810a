package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.RetryPolicy;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mistakes in the configuration or the request give a message that says what to fix, and leave nothing behind. */
class NeonBadInputTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();
    private final Instant inAnHour = Instant.now().plus(Duration.ofHours(1));

    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(testbed.branchesBesideMain()).isEmpty();
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new NeonProvider(testbed.config().withApiUrl(URI.create("ftp://127.0.0.1/api/v2"))))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("not an absolute http(s) URL");
    }

    @Test
    void aUrlWhereNothingListensSaysToCheckTheUrl() {
        NeonConfig config = testbed.config().withApiUrl(URI.create("http://127.0.0.1:1/api/v2"))
                .withHttp(testbed.config().http().withRetry(RetryPolicy.none()));
        expectFailure(config, request("nowhere", inAnHour), ErrorCode.UNAVAILABLE)
                .hasMessageContaining("no answer from GET /projects/" + testbed.emulator.project() + "/branches")
                .hasMessageContaining("Check the URL");
    }

    @Test
    void aWrongApiKeyIsReportedAsSuchWithoutShowingIt() {
        NeonConfig config = NeonConfig.of(testbed.emulator.project(), Secret.of("napi_wrong_key"), NeonTestbed.OWNER)
                .withApiUrl(testbed.emulator.apiUrl());
        expectFailure(config, request("wrong-key", inAnHour), ErrorCode.AUTHENTICATION)
                .hasMessageContaining("Neon refused the API key (HTTP 401")
                .hasMessageContaining("Check the API key")
                .hasMessageNotContaining("napi_wrong_key");
    }

    @Test
    void anUnknownProjectIsNamed() {
        NeonConfig config = NeonConfig.of("no-such-project", Secret.of(testbed.emulator.apiKey()), NeonTestbed.OWNER)
                .withApiUrl(testbed.emulator.apiUrl());
        expectFailure(config, request("no-project", inAnHour), ErrorCode.NOT_FOUND)
                .hasMessageContaining("Neon knows no project 'no-such-project'");
    }

    @Test
    void anUnknownParentIsNamedWithTheBranchesThatExist() {
        CreateBranchRequest request = new CreateBranchRequest("orphan", "no-such-parent", PointInTime.HEAD, inAnHour,
                labels(inAnHour));
        expectFailure(testbed.config(), request, ErrorCode.NOT_FOUND)
                .hasMessageContaining("has no branch named 'no-such-parent'")
                .hasMessageContaining("Existing branches: main");
    }

    @Test
    void anExpiryInThePastOrBeyondThirtyDaysIsRefusedBeforeAnythingIsMade() {
        Instant past = Instant.now().minusSeconds(60);
        Instant tooFar = Instant.now().plus(Duration.ofDays(31));
        expectFailure(testbed.config(), request("past", past), ErrorCode.INVALID_REQUEST)
                .hasMessageContaining("is not in the future");
        expectFailure(testbed.config(), request("too-far", tooFar), ErrorCode.INVALID_REQUEST)
                .hasMessageContaining("more than 30 days ahead");
    }

    @Test
    void whatTheServerRefusesIsExplainedInItsWords() {
        try (NeonProvider provider = testbed.provider()) {
            var main = provider.findBranch("main").orElseThrow();
            assertThatThrownBy(() -> provider.extendExpiry(main, inAnHour))
                    .isInstanceOf(DbBranchException.class)
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("the default branch cannot have an expiration")
                    .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        }
        CreateBranchRequest past = new CreateBranchRequest("from-the-past", "main",
                PointInTime.at(Instant.now().minusSeconds(60)), inAnHour, labels(inAnHour));
        expectFailure(testbed.config(), past, ErrorCode.INVALID_REQUEST)
                .hasMessageContaining("has no history");
    }

    @Test
    void anInvalidBranchNameSuggestsAValidOne() {
        expectFailure(testbed.config(), request("Not_Valid", inAnHour), ErrorCode.INVALID_REQUEST)
                .hasMessageContaining("Try 'not-valid'");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> expectFailure(NeonConfig config,
                                                                                CreateBranchRequest request, ErrorCode code) {
        try (NeonProvider provider = new NeonProvider(config)) {
            DbBranchException failure = org.junit.jupiter.api.Assertions.assertThrows(DbBranchException.class,
                    () -> provider.createBranch(request));
            assertThat(failure.code()).isEqualTo(code);
            return assertThat((Throwable) failure);
        }
    }

    private static CreateBranchRequest request(String name, Instant expiresAt) {
        return new CreateBranchRequest(name, "main", PointInTime.HEAD, expiresAt, labels(expiresAt));
    }

    private static Labels labels(Instant expiresAt) {
        return new Labels(NeonTestbed.OWNER, "bad-input", "1", null, Instant.now(), expiresAt);
    }
}
