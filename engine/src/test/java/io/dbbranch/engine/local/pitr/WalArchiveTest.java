package io.dbbranch.engine.local.pitr;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.ServerAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalArchiveTest {

    @Test
    void archiveCommandCopiesEachFinishedSegmentIntoTheArchiveAsTheServersUser() throws SQLException {
        try (ArchivingCluster source = new ArchivingCluster(PitrSettings.defaults())) {
            source.execute("postgres", "CREATE TABLE t AS SELECT generate_series(1, 1000) i");

            String segment = flush(source);

            Path archived = source.history().archive().directory().resolve(segment);
            assertThat(archived).exists().hasSize(16L * 1024 * 1024);
            assertThat(source.history().archive().files()).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void archiveInAFolderWithQuotesSpacesAndPercentSignsStillWorks(@TempDir Path folder) throws SQLException, IOException {
        ServerAccount.current().letEnter(folder);
        WalArchive odd = new WalArchive(folder.resolve("it's 100% \"ready\""));
        LocalCluster cluster = new LocalCluster(folder.resolve("cluster"), odd.enableOn(ClusterSettings.ephemeral()));
        cluster.start();
        try (Connection admin = cluster.connectAdmin("postgres")) {
            String segment = odd.flush(admin, cluster, Duration.ofSeconds(30));

            assertThat(odd.directory().resolve(segment)).exists();
        } finally {
            cluster.stop();
        }
    }

    @Test
    void pruningDeletesOnlySegmentsOlderThanTheOldestNeededAndKeepsTimelineHistory(@TempDir Path folder) throws IOException {
        WalArchive archive = new WalArchive(folder);
        for (String name : new String[] {"000000010000000000000001", "000000010000000000000002",
                "000000010000000000000002.00000028.backup", "000000010000000000000003", "000000010000000100000000",
                "00000002.history", "000000010000000000000001.part", "notes.txt"}) {
            Files.writeString(folder.resolve(name), name);
        }

        archive.pruneBefore("000000010000000000000003");

        assertThat(archive.files()).containsExactly("000000010000000000000003", "000000010000000100000000",
                "00000002.history", "notes.txt");
    }

    @Test
    void archiveCommandAcceptsAnIdenticalSegmentAgainButNeverOverwritesADifferentOne(@TempDir Path folder) throws Exception {
        ServerAccount.current().letEnter(folder);
        WalArchive archive = new WalArchive(folder.resolve("archive"));
        String setting = archive.enableOn(ClusterSettings.ephemeral()).extra().get("archive_command");
        String command = setting.substring(1, setting.length() - 1).replace("''", "'").replace("\\\\", "\\");
        Path wal = Files.createDirectories(folder.resolve("data/pg_wal"));
        Files.writeString(wal.resolve("000000010000000000000001"), "segment one");

        assertThat(archiveWith(command, folder.resolve("data"))).isZero();
        assertThat(archiveWith(command, folder.resolve("data"))).as("archived again after a crash").isZero();
        Files.writeString(wal.resolve("000000010000000000000001"), "something else");
        assertThat(archiveWith(command, folder.resolve("data"))).as("a different segment of the same name").isNotZero();

        assertThat(Files.readString(archive.directory().resolve("000000010000000000000001"))).isEqualTo("segment one");
        assertThat(archive.files()).containsExactly("000000010000000000000001");
    }

    /** Runs the command as PostgreSQL would for segment 1: as its user, in the data folder, with %p and %f replaced. */
    private static int archiveWith(String command, Path dataDirectory) throws Exception {
        String expanded = command.replace("%p", "pg_wal/000000010000000000000001").replace("%f", "000000010000000000000001");
        return new ProcessBuilder(ServerAccount.current().command(List.of("sh", "-c", expanded))).directory(dataDirectory.toFile())
                .inheritIO().start().waitFor();
    }

    private static String flush(ArchivingCluster source) throws SQLException {
        try (Connection admin = source.cluster().connectAdmin("postgres")) {
            return source.history().archive().flush(admin, source.cluster(), Duration.ofSeconds(30));
        }
    }
}
