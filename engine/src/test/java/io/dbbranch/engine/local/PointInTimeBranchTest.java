package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.ReadinessProbe;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Branches of the past on the local provider: recovery clusters behind the same SPI as every other branch. */
class PointInTimeBranchTest {
    private final LocalProvider provider = TestHistory.provider();

    @Test
    void branchOfAMomentServesThatMomentsRowsFromARecoveryClusterWithItsOwnLogin() throws SQLException {
        String source = TestHistory.databaseWithEntities(32);
        Instant beforeDeletion = Instant.now();
        TestHistory.execute(source, "DELETE FROM final_entities");

        BranchInfo branch = provider.createBranch(request(TestProviders.uniqueName("undo"), source, PointInTime.at(beforeDeletion)));
        try {
            ConnectionDetails connection = provider.awaitReady(branch, Duration.ofMinutes(1), Progress.SILENT);
            Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));

            assertThat(count(connection, credential)).isEqualTo(32);
            assertThat(TestHistory.queryLong(source, "SELECT count(*) FROM final_entities")).isZero();
            assertThat(connection.port()).isNotEqualTo(provider.cluster().runningPort().getAsInt());
            assertThat(connection.database()).isEqualTo(branch.name());
            assertThat(credential.user()).isEqualTo(branch.name());
            assertThat(branch.restorePoint().time()).isBefore(beforeDeletion);
            assertThat(branch.parent()).isEqualTo(source);
        } finally {
            provider.deleteBranch(branch);
        }
    }

    @Test
    void recoveryBranchIsFoundListedExtendedAndDeletedLikeAnyBranch() {
        String source = TestHistory.databaseWithEntities(1);
        String name = TestProviders.uniqueName("listed");
        BranchInfo branch = provider.createBranch(request(name, source, PointInTime.at(Instant.now())));

        assertThat(provider.findBranch(name)).get().extracting(BranchInfo::restorePoint).isEqualTo(branch.restorePoint());
        assertThat(provider.listBranches(name)).extracting(BranchInfo::name).containsExactly(name);
        Instant later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        provider.extendExpiry(branch, later);
        assertThat(provider.findBranch(name).orElseThrow().expiresAt()).isEqualTo(later);

        assertThat(provider.deleteBranch(branch)).isTrue();

        assertThat(provider.findBranch(name)).isEmpty();
        assertThat(provider.deleteBranch(branch)).isFalse();
    }

    @Test
    void ownerAccessToARecoveryBranchReachesItsOwnCluster() throws SQLException {
        String source = TestHistory.databaseWithEntities(4);
        BranchInfo branch = provider.createBranch(request(TestProviders.uniqueName("owned"), source, PointInTime.at(Instant.now())));
        try {
            ParentAccess access = provider.parentAccess(branch.name(), Duration.ofMinutes(5)).orElseThrow();

            assertThat(access.connection().port()).isNotEqualTo(provider.cluster().runningPort().getAsInt());
            assertThat(access.connection().database()).isEqualTo(branch.name());
            assertThat(count(access.connection(), access.credential())).isEqualTo(4);
        } finally {
            provider.deleteBranch(branch);
        }
    }

    @Test
    void nameOfAnExistingDatabaseIsRefusedForARecoveryBranch() {
        String source = TestHistory.databaseWithEntities(1);

        assertThatThrownBy(() -> provider.createBranch(request(source, source, PointInTime.at(Instant.now()))))
                .isInstanceOf(DbBranchException.class)
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void providerWithHistoryOffersPointInTimeFromItsFirstBaseBackup() {
        assertThat(provider.capabilities().pointInTime()).isTrue();
        assertThat(provider.capabilities().replaceRestore()).isFalse();
        assertThat(provider.historyWindow("postgres").earliest()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void providerWithoutHistoryRefusesThePastClearly() {
        LocalProvider plain = TestProviders.local();

        assertThat(plain.capabilities().pointInTime()).isFalse();
        assertThatThrownBy(() -> plain.createBranch(request(TestProviders.uniqueName("past"), "postgres",
                PointInTime.at(Instant.now().minusSeconds(5)))))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("keeps no history");
    }

    private static CreateBranchRequest request(String name, String parent, PointInTime from) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Labels labels = new Labels(TestProviders.OWNER, "pitr", "1", null, now, now.plus(Duration.ofHours(1)));
        return new CreateBranchRequest(name, parent, from, labels.expiresAt(), labels);
    }

    private static long count(ConnectionDetails connection, Credential credential) throws SQLException {
        try (Connection session = ReadinessProbe.open(connection, credential); Statement statement = session.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM final_entities")) {
            result.next();
            return result.getLong(1);
        }
    }
}
