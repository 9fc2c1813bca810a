package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.testkit.emulator.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every injected fault ends with exactly the branches the caller expects: no duplicate, no leftover. */
class LakebaseFaultsTest {
    private final LakebaseEmulator emulator = TestLakebase.emulator();
    private LakebaseProvider provider;

    @BeforeEach
    void openProvider() {
        provider = new LakebaseProvider(TestLakebase.config().build());
    }

    @AfterEach
    void closeProvider() {
        provider.close();
        TestLakebase.reset();
    }

    /** Creates, waits, mints and deletes, then checks that exactly nothing of {@code name} is left. */
    private void fullFlowLeavesNothing(String name) throws Exception {
        BranchInfo branch = provider.createBranch(TestLakebase.request(name));
        assertThat(emulator.branchIds()).containsOnlyOnce(name);
        ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(30), m -> { });
        Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));
        LakebaseLeaseFlowTest.connect(connection, credential).close();
        provider.deleteBranch(branch);
        assertLeftNothing(name);
    }

    private void assertLeftNothing(String name) throws Exception {
        assertThat(emulator.branchIds()).doesNotContain(name);
        assertThat(emulator.postgres().databaseExists(name)).isFalse();
    }

    @Test
    void rateLimitedCallsAreRetriedAfterRetryAfter() throws Exception {
        emulator.faults().inject("branches.create", Fault.rateLimited(Duration.ofSeconds(1)), 2)
                .inject("oidc.token", Fault.rateLimited(Duration.ofSeconds(1)));

        fullFlowLeavesNothing(TestLakebase.name("limited"));

        assertThat(emulator.faults().pending("branches.create")).isZero();
        assertThat(emulator.faults().pending("oidc.token")).isZero();
    }

    @Test
    void unavailableAnswersAreRetriedWithBackoff() throws Exception {
        emulator.faults().inject("operations.get=503*2").inject("endpoints.list=503").inject("credentials.create=503");

        fullFlowLeavesNothing(TestLakebase.name("unavailable"));

        assertThat(emulator.faults().pending("operations.get")).isZero();
    }

    @Test
    void slowAnswersAreWaitedFor() throws Exception {
        emulator.faults().inject("branches.get", Fault.slow(Duration.ofMillis(1500)))
                .inject("branches.create", Fault.slow(Duration.ofMillis(800)));

        fullFlowLeavesNothing(TestLakebase.name("slow"));
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundAndAdoptedNotDuplicated() throws Exception {
        emulator.faults().inject("branches.create", Fault.resetAfterActing());

        fullFlowLeavesNothing(TestLakebase.name("reset"));
    }

    @Test
    void lostAnswersToMintAndDeleteAreAskedAgain() throws Exception {
        emulator.faults().inject("credentials.create", Fault.resetAfterActing())
                .inject("branches.delete", Fault.resetAfterActing())
                .inject("operations.get", Fault.resetAfterActing());

        fullFlowLeavesNothing(TestLakebase.name("reset-more"));
    }

    @Test
    void aFailedCreateOperationDeletesTheBranchBeforeRaising() throws Exception {
        String name = TestLakebase.name("op-error");
        emulator.faults().inject("branches.create", Fault.operationError());

        DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                () -> provider.createBranch(TestLakebase.request(name)));

        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(failure.getMessage()).contains("Create Lakebase branch '" + name + "'", "operation failed",
                "injected fault", "deleted again");
        assertLeftNothing(name);
    }

    @Test
    void aCreateOperationThatNeverFinishesTimesOutAndDeletesTheBranch() throws Exception {
        String name = TestLakebase.name("op-slow");
        emulator.tuning().operationPolls(1_000_000).operationDuration(Duration.ofHours(1));
        try (LakebaseProvider impatient = new LakebaseProvider(TestLakebase.config()
                .operationTimeout(Duration.ofSeconds(1)).build())) {
            DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                    () -> impatient.createBranch(TestLakebase.request(name)));

            assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(failure.getMessage()).contains("not done after", "waiting for operation");
        }
        assertLeftNothing(name);
    }

    @Test
    void aComputeThatNeverStartsTimesOutClearly() throws Exception {
        String name = TestLakebase.name("never-ready");
        emulator.tuning().endpointPolls(1_000_000);
        BranchInfo branch = provider.createBranch(TestLakebase.request(name));

        DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                () -> provider.awaitReady(branch, Duration.ofSeconds(1), m -> { }));

        assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).contains("Wait for Lakebase branch '" + name + "'", "endpoint primary is INIT");
        provider.deleteBranch(branch);
        assertLeftNothing(name);
    }

    @Test
    void retriesThatRunOutSayWhatHappenedAndLeaveNothing() throws Exception {
        String name = TestLakebase.name("exhausted");
        emulator.faults().inject("branches.create", Fault.unavailable(), 10);

        DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                () -> provider.createBranch(TestLakebase.request(name)));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.getMessage()).contains("HTTP 503", "after 5 attempts");
        assertLeftNothing(name);
    }

    @Test
    void anExistingBranchFromAnotherSourceIsNeverAdopted() throws Exception {
        String source = TestLakebase.name("source");
        String name = TestLakebase.name("taken");
        BranchInfo sourceBranch = provider.createBranch(TestLakebase.request(source));
        BranchInfo existing = provider.createBranch(TestLakebase.request(name));
        try {
            emulator.faults().inject("branches.create", Fault.resetAfterActing());

            DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                    () -> provider.createBranch(TestLakebase.request(name, source)));

            assertThat(failure.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(failure.getMessage()).contains("was not made by this request");
            assertThat(emulator.branchIds()).containsOnlyOnce(name);
        } finally {
            provider.deleteBranch(existing);
            provider.deleteBranch(sourceBranch);
        }
    }

    @Test
    void anExistingBranchWithoutOurPrefixIsNeverAdopted() throws Exception {
        String name = "team-" + TestLakebase.name("shared");
        BranchInfo existing = provider.createBranch(TestLakebase.request(name));
        try {
            emulator.faults().inject("branches.create", Fault.resetAfterActing());

            DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                    () -> provider.createBranch(TestLakebase.request(name)));

            assertThat(failure.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(emulator.branchIds()).containsOnlyOnce(name);
        } finally {
            provider.deleteBranch(existing);
        }
    }

    @Test
    void aPlainDuplicateNameIsRefusedAndTheFirstBranchKept() throws Exception {
        String name = TestLakebase.name("dup");
        BranchInfo first = provider.createBranch(TestLakebase.request(name));
        try {
            DbBranchException failure = catchThrowableOfType(DbBranchException.class,
                    () -> provider.createBranch(TestLakebase.request(name)));

            assertThat(failure.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(failure.getMessage()).contains("exists already", "Use another name");
            assertThat(provider.findBranch(name)).isPresent();
        } finally {
            provider.deleteBranch(first);
        }
    }
}
