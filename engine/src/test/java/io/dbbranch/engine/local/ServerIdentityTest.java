package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.host.FileStatus;
import io.dbbranch.engine.host.HostUser;
import io.dbbranch.engine.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server never acts with the host's root identity, even when dbbranch runs as root. */
class ServerIdentityTest {

    @Test
    void theServerAndEveryBackendRunAsTheServerAccountNeverAsRoot() throws IOException {
        LocalCluster cluster = TestPostgres.cluster();
        long postmaster = Long.parseLong(Files.readAllLines(cluster.dataDirectory().resolve("postmaster.pid")).get(0).trim());
        List<Long> processes = Stream.concat(Stream.of(postmaster),
                ProcessHandle.of(postmaster).orElseThrow().children().map(ProcessHandle::pid)).toList();

        assertThat(processes).hasSizeGreaterThan(1);
        for (long pid : processes) {
            List<Long> uids = uids(pid);
            assertThat(uids).as("real, effective, saved and file-system uid of %d", pid).containsOnly(ServerAccount.current().uid());
            if (HostUser.isRoot()) {
                assertThat(uids).doesNotContain(0L);
            }
        }
    }

    @Test
    void theDataFolderIsTheServersWhileThePasswordStaysOursAlone() throws IOException {
        LocalCluster cluster = TestPostgres.cluster();

        assertThat(FileStatus.of(cluster.dataDirectory()).uid()).isEqualTo(ServerAccount.current().uid());
        FileStatus password = FileStatus.of(cluster.directory().resolve("admin.password"));
        assertThat(password.uid()).isEqualTo(HostUser.uid());
        assertThat(password.permissions()).isEqualTo(0600);
        assertThat(cluster.directory().resolve("initdb.password")).doesNotExist();
    }

    @Test
    void aSuperusersProgramCanNeitherReadNorAppendToAFileOnlyRootMayUse(@TempDir Path folder) throws IOException {
        assumeTrue(ServerAccount.current().switchesUser(), "the server runs as this user, who may use their own files");
        ServerAccount.current().letEnter(folder);
        Path secret = folder.resolve("root-only");
        Files.writeString(secret, "root's secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> TestPostgres.execute("postgres", "CREATE TEMP TABLE leak (line text)",
                "COPY leak FROM PROGRAM 'cat " + secret + "'"))
                .hasMessageContaining("program \"cat " + secret + "\" failed");
        assertThatThrownBy(() -> TestPostgres.execute("postgres",
                "COPY (SELECT 'written by the server') TO PROGRAM 'cat >> " + secret + "'"))
                .hasMessageContaining("failed");
        assertThat(Files.readString(secret)).isEqualTo("root's secret\n");
    }

    /** The four uids of the {@code Uid:} line of {@code /proc/<pid>/status}. */
    private static List<Long> uids(long pid) throws IOException {
        String line = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        return Stream.of(line.substring(4).trim().split("\\s+")).map(Long::parseLong).toList();
    }
}
