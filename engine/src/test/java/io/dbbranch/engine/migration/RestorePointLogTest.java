package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.testing.TestPostgres;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestorePointLogTest {

    @Test
    void pointIsNamedInTheWalAndFoundByNameLater() {
        String database = MigrationFixtures.seededParent("points");
        RestorePointLog log = new RestorePointLog(target(database));

        RecordedRestorePoint created = log.create("before-v2", "before migrating to 2", "test@dbbranch");

        assertThat(created.named()).isTrue();
        assertThat(created.note()).isNull();
        assertThat(created.pointInTime()).isInstanceOf(PointInTime.AtLsn.class);
        assertThat(log.find("before-v2")).contains(created);
        assertThat(log.find("no-such-point")).isEmpty();
        assertThat(TestPostgres.queryLong(database,
                "SELECT (pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + created.lsn() + "') > 0 AND "
                        + "(SELECT created_at FROM dbbranch.restore_points WHERE name = 'before-v2') <= clock_timestamp()"
                        + ")::int")).isOne();
    }

    @Test
    void loginThatMayNotNameWalPointsStillRecordsTimeAndLsnAndSaysWhy() {
        String owner = "points_owner_" + ProcessHandle.current().pid();
        String database = MigrationFixtures.newDatabase("points");
        TestPostgres.execute("postgres", "DROP ROLE IF EXISTS " + owner, "CREATE ROLE " + owner + " LOGIN PASSWORD 'owner-pw'",
                "ALTER DATABASE \"" + database + "\" OWNER TO " + owner);
        MigrationTarget asOwner = new MigrationTarget(target(database).jdbcUrl(), owner, Secret.of("owner-pw"), database);

        RecordedRestorePoint created = new RestorePointLog(asOwner).create("unnamed", "test", "test@dbbranch");

        assertThat(created.named()).isFalse();
        assertThat(created.note()).contains("permission denied for function pg_create_restore_point");
        assertThat(created.lsn()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(new RestorePointLog(asOwner).list()).containsExactly(created);
    }

    @Test
    void nameCanBeRecordedOnlyOnce() {
        String database = MigrationFixtures.newDatabase("points");
        RestorePointLog log = new RestorePointLog(target(database));
        log.create("twice", "first", "test@dbbranch");

        assertThatThrownBy(() -> log.create("twice", "second", "test@dbbranch"))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(log.list()).extracting(RecordedRestorePoint::reason).containsExactly("first");
    }

    @Test
    void databaseThatNeverHadAPointListsNone() {
        assertThat(new RestorePointLog(target(MigrationFixtures.newDatabase("points"))).list()).isEmpty();
    }

    @Test
    void migrationPointNamesFitPostgresLimit() {
        Instant at = Instant.parse("2026-03-01T10:15:00Z");

        assertThat(RestorePointLog.migrationPointName("main", at)).isEqualTo("dbbranch-migrate-main-20260301T101500Z");
        assertThat(RestorePointLog.migrationPointName("a".repeat(63), at)).hasSize(63).endsWith("a-20260301T101500Z");
    }
}
