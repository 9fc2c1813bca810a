package io.dbbranch.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference scenario: 32 rows, a moment noted, all deleted, and a restore to just before the deletion. */
class PointInTimeRestoreTest {
    private static final String COUNT = "SELECT count(*) FROM final_entities";

    private final LocalProvider provider = TestHistory.provider();
    private final PointInTimeRestore restore = new PointInTimeRestore(provider);
    private final List<String> progress = new ArrayList<>();

    @Test
    void recoveryBranchHasThe32RowsDeletedAfterTheMomentWhileTheSourceHasNone() {
        Instant beforeInserts = Instant.now();
        String source = TestHistory.databaseWithEntities(32);
        Instant beforeDeletion = Instant.now();
        TestHistory.execute(source, "DELETE FROM final_entities");

        RestoreResult result = restore.restore(RestoreRequest.builder(source, PointInTime.at(beforeDeletion))
                .name(TestProviders.uniqueName("undo"))
                .verify(new Verification(COUNT, Expectation.equalTo(32)))
                .build(), progress::add);
        try {
            assertThat(result.verification().firstValue()).isEqualTo("32");
            assertThat(result.verification().met()).isTrue();
            assertThat(TestHistory.queryLong(source, COUNT)).isZero();
            assertThat(result.restorePoint().time()).isAfter(beforeInserts).isBefore(beforeDeletion);
            assertThat(result.restorePoint().lsn()).isNotNull();
            assertThat(result.branch().parent()).isEqualTo(source);
            assertThat(result.connection().port()).isNotEqualTo(provider.cluster().runningPort().getAsInt());
            assertThat(result.elapsed()).isPositive();
            assertThat(progress).last().asString().contains("restored " + result.branch().name()).contains("verified");
        } finally {
            provider.deleteBranch(result.branch());
        }
    }

    @Test
    void restoreToAnLsnBringsBackWhatWasWrittenBeforeIt() {
        String source = TestHistory.databaseWithEntities(32);
        String lsn = TestHistory.queryString(source, "SELECT pg_current_wal_insert_lsn()");
        TestHistory.execute(source, "DELETE FROM final_entities WHERE id % 2 = 0");

        RestoreResult result = restore.restore(RestoreRequest.builder(source, PointInTime.atLsn(lsn))
                .verify(new Verification(COUNT, Expectation.equalTo(32))).build(), Progress.SILENT);
        try {
            assertThat(result.verification().met()).isTrue();
            assertThat(Long.compareUnsigned(new PointInTime.AtLsn(result.restorePoint().lsn()).position(),
                    new PointInTime.AtLsn(lsn).position())).isLessThanOrEqualTo(0);
            assertThat(TestHistory.queryLong(source, COUNT)).isEqualTo(16);
        } finally {
            provider.deleteBranch(result.branch());
        }
    }

    @Test
    void momentBeforeTheHistoryWindowIsRefusedNamingTheWindowAndLeavesNothingBehind() {
        String source = TestHistory.databaseWithEntities(1);
        Instant earliest = provider.historyWindow(source).earliest();
        int branchesBefore = provider.listBranches("").size();

        assertThatThrownBy(() -> restore.restore(RestoreRequest.builder(source, PointInTime.at(earliest.minusSeconds(60))).build(),
                Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("before the history window, which runs from " + earliest + " to now")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(provider.listBranches("")).hasSize(branchesBefore);
    }

    @Test
    void momentInTheFutureIsRefusedAndLeavesNothingBehind() {
        String source = TestHistory.databaseWithEntities(1);
        int branchesBefore = provider.listBranches("").size();

        assertThatThrownBy(() -> restore.restore(RestoreRequest.builder(source,
                PointInTime.at(Instant.now().plus(Duration.ofMinutes(10)))).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("is in the future")
                .hasMessageContaining("history window");
        assertThat(provider.listBranches("")).hasSize(branchesBefore);
    }

    @Test
    void verificationNotMetFailsTheRestoreAndDeletesTheRecoveryBranch() {
        String source = TestHistory.databaseWithEntities(32);
        TestHistory.execute(source, "DELETE FROM final_entities");
        String name = TestProviders.uniqueName("unmet");
        PointInTime justNow = new PointInTimeParser(RestorePointResolver.NONE).parse("0s ago");

        assertThatThrownBy(() -> restore.restore(RestoreRequest.builder(source, justNow).name(name)
                .verify(new Verification(COUNT, Expectation.nonEmpty())).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining(COUNT + " returned 0, expected non-empty")
                .hasMessageContaining("was deleted")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
        assertThat(provider.findBranch(name)).isEmpty();
    }

    @Test
    void verificationNotMetKeepsTheRecoveryBranchWhenAsked() {
        String source = TestHistory.databaseWithEntities(32);
        String name = TestProviders.uniqueName("kept");

        assertThatThrownBy(() -> restore.restore(RestoreRequest.builder(source, PointInTime.at(Instant.now())).name(name)
                .verify(new Verification(COUNT, Expectation.equalTo(33))).keepOnFailedVerification(true).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("returned 32, expected = 33")
                .hasMessageContaining("was kept for inspection");
        assertThat(provider.findBranch(name)).isPresent();
        provider.deleteBranch(provider.findBranch(name).orElseThrow());
    }

    @Test
    void verificationQueryThatFailsCountsAsNotMet() {
        String source = TestHistory.databaseWithEntities(1);
        String name = TestProviders.uniqueName("broken");

        assertThatThrownBy(() -> restore.restore(RestoreRequest.builder(source, PointInTime.at(Instant.now())).name(name)
                .verify(new Verification("SELECT count(*) FROM no_such_table", Expectation.nonEmpty())).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("no_such_table")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
        assertThat(provider.findBranch(name)).isEmpty();
    }

    @Test
    void replacingInPlaceIsRefusedWhereTheProviderCannot() {
        String source = TestHistory.databaseWithEntities(1);

        assertThatThrownBy(() -> restore.restore(RestoreRequest.builder(source, PointInTime.at(Instant.now()))
                .replace(true, null).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("cannot replace a branch with its own past");
        assertThat(TestHistory.queryLong(source, COUNT)).isEqualTo(1);
    }

    @Test
    void providerWithoutHistoryIsRefusedBeforeAnythingIsMade() {
        PointInTimeRestore onPlainPostgres = new PointInTimeRestore(TestProviders.postgres(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> onPlainPostgres.restore(RestoreRequest.builder("postgres", PointInTime.at(Instant.now())).build(),
                Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("the postgres provider cannot branch from the past");
    }
}
