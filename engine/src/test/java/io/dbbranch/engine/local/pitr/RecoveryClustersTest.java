package io.dbbranch.engine.local.pitr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.testing.ClusterSql;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reference scenario on the local cluster's own machinery: 32 rows, deleted, brought back from the past. */
class RecoveryClustersTest {
    private static ArchivingCluster source;
    private static RecoveryClusters recoveries;

    @BeforeAll
    static void archivingClusterWithABaseBackup() {
        source = new ArchivingCluster(PitrSettings.defaults());
        source.history().takeBaseBackup();
        recoveries = source.history().recoveries();
    }

    @AfterAll
    static void removeEverything() {
        source.close();
    }

    @Test
    void recoveryBranchHasTheRowsDeletedAfterTheMomentWhileTheSourceKeepsNone() {
        Instant beforeInserts = Instant.now();
        createDatabaseWith32Rows("shop");
        Instant beforeDeletion = Instant.now();
        source.execute("shop", "DELETE FROM final_entities");

        RecoveryBranch branch = recoveries.create("shop-undo", "shop", PointInTime.at(beforeDeletion), labels());

        assertThat(ClusterSql.query(recoveries.cluster("shop-undo"), "shop-undo", "SELECT count(*) FROM final_entities")).isEqualTo("32");
        assertThat(source.queryLong("shop", "SELECT count(*) FROM final_entities")).isZero();
        assertThat(branch.state()).isEqualTo(BranchState.READY);
        assertThat(branch.restorePoint().time()).isAfter(beforeInserts).isBefore(beforeDeletion);
        assertThat(branch.restorePoint().lsn()).isNotNull();
        assertThat(branch.connection().database()).isEqualTo("shop-undo");
        assertThat(branch.connection().port()).isNotEqualTo(source.cluster().runningPort().getAsInt());
    }

    @Test
    void recoveryToAnLsnStopsBeforeTheRecordsWrittenFromThere() {
        source.execute("postgres", "CREATE DATABASE ledger");
        String beforeInserts = source.query("ledger", "SELECT pg_current_wal_insert_lsn()");
        insert32Rows("ledger");
        String afterInserts = source.query("ledger", "SELECT pg_current_wal_insert_lsn()");
        source.execute("ledger", "DELETE FROM final_entities WHERE id > 10");

        RecoveryBranch branch = recoveries.create("ledger-undo", "ledger", PointInTime.atLsn(afterInserts), labels());

        assertThat(ClusterSql.query(recoveries.cluster("ledger-undo"), "ledger-undo", "SELECT count(*) FROM final_entities"))
                .isEqualTo("32");
        assertThat(source.queryLong("ledger", "SELECT count(*) FROM final_entities")).isEqualTo(10);
        long reached = new PointInTime.AtLsn(branch.restorePoint().lsn()).position();
        assertThat(reached).isGreaterThan(new PointInTime.AtLsn(beforeInserts).position())
                .isLessThanOrEqualTo(new PointInTime.AtLsn(afterInserts).position());
    }

    @Test
    void momentBeforeTheDatabaseExistedSaysSoAndLeavesNothingBehind() {
        Instant beforeItExisted = Instant.now();
        createDatabaseWith32Rows("latecomer");

        assertThatThrownBy(() -> recoveries.create("latecomer-undo", "latecomer", PointInTime.at(beforeItExisted), labels()))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("database 'latecomer' did not exist yet at")
                .hasMessageContaining("Choose a moment after the database was created");
        assertThat(recoveries.find("latecomer-undo")).isEmpty();
    }

    @Test
    void momentBeforeTheOldestBaseBackupIsRefusedNamingTheWindowAndLeavesNothingBehind() {
        Instant longAgo = source.history().window().earliest().minus(Duration.ofHours(1));

        assertThatThrownBy(() -> recoveries.create("too-old", "postgres", PointInTime.at(longAgo), labels()))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("before the history window")
                .hasMessageContaining(source.history().window().earliest().toString())
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(recoveries.find("too-old")).isEmpty();
        assertThat(Files.exists(source.home().resolve("history/recovery/too-old"))).isFalse();
    }

    @Test
    void momentInTheFutureIsRefused() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));

        assertThatThrownBy(() -> recoveries.create("future", "postgres", PointInTime.at(tomorrow), labels()))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("is in the future");
        assertThat(recoveries.find("future")).isEmpty();
    }

    @Test
    void lsnNotWrittenYetIsRefused() {
        assertThatThrownBy(() -> recoveries.create("future-lsn", "postgres", PointInTime.atLsn("FF/0"), labels()))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("LSN FF/0 is in the future");
        assertThat(recoveries.find("future-lsn")).isEmpty();
    }

    @Test
    void templateDatabaseIsNotRestored() {
        assertThatThrownBy(() -> recoveries.create("template", "template1", PointInTime.at(Instant.now()), labels()))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("is a template database");
    }

    @Test
    void unknownDatabaseIsNotFound() {
        assertThatThrownBy(() -> recoveries.create("nothing", "no_such_db", PointInTime.at(Instant.now()), labels()))
                .isInstanceOf(DbBranchException.class)
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void recoveryBranchIsListedWithItsLabelsAndDeletedWithItsServer() {
        source.execute("postgres", "CREATE DATABASE listed");
        Labels labels = labels();
        RecoveryBranch created = recoveries.create("listed-undo", "listed", PointInTime.at(Instant.now()), labels);

        assertThat(recoveries.list()).extracting(RecoveryBranch::name).contains("listed-undo");
        RecoveryBranch found = recoveries.find("listed-undo").orElseThrow();
        assertThat(found.labels()).isEqualTo(labels);
        assertThat(found.restorePoint()).isEqualTo(created.restorePoint());
        assertThat(found.toBranchInfo().parent()).isEqualTo("listed");

        assertThat(recoveries.delete("listed-undo")).isTrue();

        assertThat(recoveries.find("listed-undo")).isEmpty();
        assertThat(recoveries.delete("listed-undo")).isFalse();
        assertThat(Files.exists(source.home().resolve("history/recovery/listed-undo"))).isFalse();
    }

    private static void createDatabaseWith32Rows(String database) {
        source.execute("postgres", "CREATE DATABASE " + database);
        insert32Rows(database);
    }

    private static void insert32Rows(String database) {
        source.execute(database, "CREATE TABLE final_entities (id int PRIMARY KEY, name text)",
                "INSERT INTO final_entities SELECT i, 'entity ' || i FROM generate_series(1, 32) i");
    }

    private static Labels labels() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Labels("test@localhost", "pitr", "1", null, now, now.plus(Duration.ofHours(1)));
    }
}
