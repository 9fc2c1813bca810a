package io.dbbranch.engine.local.pitr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseBackupsTest {
    private static ArchivingCluster source;

    @BeforeAll
    static void archivingCluster() {
        source = new ArchivingCluster(new PitrSettings(Duration.ofDays(7), Duration.ofDays(1), 2));
    }

    @AfterAll
    static void removeIt() {
        source.close();
    }

    @Test
    void backupIsTheDataFolderWithItsBackupLabelAndWithoutWalOrServerFiles() throws IOException {
        BaseBackup backup = source.history().backups().take(source.cluster());

        Path data = backup.dataDirectory();
        assertThat(Files.readString(data.resolve("backup_label"))).contains("START WAL LOCATION: " + backup.startLsn());
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        try (var wal = Files.list(data.resolve("pg_wal"))) {
            assertThat(wal.map(path -> path.getFileName().toString())).containsExactly("archive_status");
        }
        assertThat(source.history().archive().files()).contains(backup.startWalFile());
        assertThat(backup.stoppedAt()).isAfterOrEqualTo(backup.startedAt());
    }

    @Test
    void takingBackupsKeepsTheNewestWithinTheLimitAndOnlyTheWalTheyNeed() {
        source.history().takeBaseBackup();
        source.history().takeBaseBackup();
        BaseBackup newest = source.history().takeBaseBackup();

        List<BaseBackup> kept = source.history().backups().list();
        assertThat(kept).hasSize(2).last().isEqualTo(newest);
        assertThat(source.history().archive().files()).allMatch(name -> name.endsWith(".history")
                || name.substring(8, 24).compareTo(kept.get(0).startWalFile().substring(8, 24)) >= 0);
        assertThat(source.history().window().earliest()).isEqualTo(kept.get(0).stoppedAt());
    }

    @Test
    void pruningKeepsTheNewestBackupFromBeforeTheWindowSoTheWholeWindowStaysReachable() {
        source.history().takeBaseBackup();
        BaseBackup newest = source.history().takeBaseBackup();
        PitrSettings oneDay = new PitrSettings(Duration.ofDays(1), Duration.ofDays(1), 8);

        assertThat(source.history().backups().prune(oneDay, Instant.now())).hasSize(2);
        assertThat(source.history().backups().prune(oneDay, Instant.now().plus(Duration.ofDays(10)))).containsExactly(newest);
    }

    @Test
    void backupIsDueOnlyOnceTheNewestIsOlderThanTheInterval() {
        source.history().takeBaseBackup();

        assertThat(source.history().takeBaseBackupIfDue()).isEmpty();
        assertThat(source.history().backups().isDue(PitrSettings.defaults(), Instant.now().plus(Duration.ofDays(2)))).isTrue();
    }

    @Test
    void clusterThatDoesNotArchiveIsRefusedABackup(@TempDir Path folder) {
        BaseBackups backups = new BaseBackups(folder);

        assertThatThrownBy(() -> backups.take(TestPostgres.cluster()))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("archive_mode is off")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.ENVIRONMENT);
        assertThat(backups.list()).isEmpty();
    }
}
