package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.testkit.emulator.Fault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every fault the emulator can play ends either in one working branch or in a clear error, never in a leak. */
class NeonFaultsTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @TempDir
    Path secrets;

    @AfterEach
    void nothingIsLeftBehind() {
        testbed.emulator.faults().clear();
        assertThat(testbed.branchesBesideMain()).isEmpty();
    }

    @Test
    void rateLimitedCreatesAreRetriedAfterRetryAfter() throws Exception {
        testbed.emulator.faults().inject("branches.create", Fault.rateLimited(Duration.ofSeconds(1)), 2);
        long limited = testbed.requests("POST", "/branches", "429");

        long started = System.nanoTime();
        leaseAndQuery();

        assertThat(testbed.requests("POST", "/branches", "429")).isEqualTo(limited + 2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unavailableAnswersAreRetriedOnEveryRoute() throws Exception {
        testbed.emulator.faults().inject("branches.create", Fault.unavailable(), 2)
                .inject("operations.get", Fault.unavailable())
                .inject("endpoints.list", Fault.rateLimited(null))
                .inject("roles.create", Fault.unavailable());

        leaseAndQuery();

        assertThat(testbed.emulator.faults().pending("branches.create")).isZero();
        assertThat(testbed.emulator.faults().pending("roles.create")).isZero();
    }

    @Test
    void aSlowAnswerIsWaitedFor() throws Exception {
        testbed.emulator.faults().inject("branches.create", Fault.slow(Duration.ofMillis(1500)));

        long created = testbed.requests("POST", "/branches", "201");
        leaseAndQuery();

        assertThat(testbed.requests("POST", "/branches", "201")).isEqualTo(created + 1);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsAdoptedNotRepeated() throws Exception {
        testbed.emulator.faults().inject("branches.create", Fault.resetAfterActing())
                .inject("roles.create", Fault.resetAfterActing());

        long dropped = testbed.requests("POST", "/branches", "connection dropped after acting (fault)");
        long created = testbed.requests("POST", "/branches", "201");
        leaseAndQuery();

        assertThat(testbed.requests("POST", "/branches", "connection dropped after acting (fault)")).isEqualTo(dropped + 1);
        assertThat(testbed.requests("POST", "/branches", "201")).isEqualTo(created);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAdoptedToo() throws InterruptedException {
        testbed.emulator.faults().inject("branches.create", Fault.slow(Duration.ofSeconds(3)));
        HttpSettings impatient = testbed.config().http().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
        Instant expiry = Instant.now().plusSeconds(600);
        Instant started = Instant.now();
        try (NeonProvider provider = new NeonProvider(testbed.config().withHttp(impatient))) {
            BranchInfo branch = provider.createBranch(NeonRequests.request("slow-adopted", expiry));
            // Outlive every held-back request, so that a late one cannot create a duplicate after we looked.
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plusSeconds(5)).toMillis()));

            assertThat(testbed.branchesBesideMain()).containsExactly("slow-adopted");
            assertThat(provider.deleteBranch(branch)).isTrue();
        }
    }

    @Test
    void aFailedOperationFailsTheLeaseAndDeletesTheBranch() {
        testbed.emulator.faults().inject("branches.create", Fault.operationError());

        try (NeonProvider provider = testbed.provider()) {
            assertThatThrownBy(() -> BranchLease.open(provider, testbed.lease(secrets).build(), Progress.SILENT))
                    .isInstanceOf(DbBranchException.class)
                    .hasMessageContaining("create_timeline")
                    .hasMessageContaining("failed: creating the timeline failed (injected fault)")
                    .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        }
    }

    @Test
    void changesWhileAnOperationRunsMeetLockedAndAreRetried() {
        Instant expiry = Instant.now().plusSeconds(600);
        try (NeonProvider provider = testbed.provider()) {
            BranchInfo branch = provider.createBranch(NeonRequests.request("locked-delete", expiry));
            long lockedBefore = testbed.requests("DELETE", branch.id(), "423");

            // The create's operations still run (nobody polled them): Neon answers 423 until they end.
            assertThat(provider.deleteBranch(branch)).isTrue();

            assertThat(testbed.requests("DELETE", branch.id(), "423")).isGreaterThan(lockedBefore);
        }
    }

    @Test
    void aNameTakenByABranchThatIsNotOursIsRefusedAndLeftAlone() {
        Instant expiry = Instant.now().plusSeconds(600);
        try (NeonProvider provider = testbed.provider()) {
            BranchInfo theirs = provider.createBranch(NeonRequests.request("taken", expiry));
            try {
                assertThatThrownBy(() -> provider.createBranch(NeonRequests.request("taken", expiry)))
                        .isInstanceOf(DbBranchException.class)
                        .hasMessageContaining("exists already (" + theirs.id() + ") and was not made by this request")
                        .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                assertThat(testbed.branchesBesideMain()).containsExactly("taken");
            } finally {
                provider.deleteBranch(theirs);
            }
        }
    }

    private void leaseAndQuery() throws Exception {
        try (NeonProvider provider = testbed.provider();
             BranchLease lease = BranchLease.open(provider, testbed.lease(secrets).build(), Progress.SILENT)) {
            assertThat(testbed.branchesBesideMain()).containsExactly(lease.branch().name());
            assertThat(testbed.emulator.roleNames(lease.branch().name())).hasSize(1);
            try (Connection connection = DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"))) {
                assertThat(connection.createStatement().executeQuery("SELECT 1").next()).isTrue();
            }
        }
    }
}
