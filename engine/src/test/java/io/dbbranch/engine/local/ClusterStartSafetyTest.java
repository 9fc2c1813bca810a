package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.testing.ScratchFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd homes, racing starts and homes the server's user cannot reach: each works or is refused clearly. */
class ClusterStartSafetyTest {

    @Test
    void aHomeWhosePathWouldRunShellCodeIsRefusedBeforeAnythingRuns(@TempDir Path folder) throws IOException {
        ServerAccount.current().letEnter(folder);
        Path home = folder.resolve("h sp'q$(touch pwned)");
        LocalCluster cluster = new LocalCluster(home.resolve("cluster"), ClusterSettings.ephemeral());

        assertThatThrownBy(cluster::start)
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("holds '$', which pg_ctl would hand to /bin/sh unescaped")
                .hasMessageContaining("DBBRANCH_HOME")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThatThrownBy(() -> LocalProvider.open(new LocalHome(home), "owner"))
                .hasMessageContaining("holds '$', which pg_ctl would hand to /bin/sh unescaped");
        assertThat(home).doesNotExist();
        try (Stream<Path> everything = Stream.concat(Files.walk(folder), Stream.of(Path.of("pwned").toAbsolutePath()))) {
            assertThat(everything).noneMatch(path -> path.endsWith("pwned") && Files.exists(path));
        }
    }

    @Test
    void twoProcessesStartingAClusterInAHomeWithSpacesAndQuotesShareOneServer() throws Exception {
        Path home = LocalHome.temporary("dbbranch-race").path();
        Path directory = home.resolve("it's a home").resolve("cluster");
        try {
            List<Process> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), StartClusterMain.class.getName(), directory.toString())
                        .redirectErrorStream(true).start());
            }
            List<String> ports = new ArrayList<>();
            for (Process start : starts) {
                String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(start.waitFor()).as(output).isZero();
                ports.add(output.substring(output.lastIndexOf('\n') + 1));
            }

            LocalCluster cluster = new LocalCluster(directory, ClusterSettings.ephemeral());
            assertThat(ports).containsOnly(Integer.toString(cluster.runningPort().orElseThrow()));
        } finally {
            new LocalCluster(directory, ClusterSettings.ephemeral()).stop();
            ScratchFolders.delete(home);
        }
    }

    @Test
    void aHomeTheServersUserCannotEnterIsRefusedNamingTheFolder(@TempDir Path closed) {
        assumeTrue(ServerAccount.current().switchesUser(), "the server runs as this user, who can enter their own folders");
        LocalCluster cluster = new LocalCluster(closed.resolve("home").resolve("cluster"), ClusterSettings.ephemeral());

        assertThatThrownBy(cluster::start)
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("cannot enter " + closed + " (owner uid 0, group 0, mode 0700)")
                .hasMessageContaining("chmod o+x " + closed);
        assertThat(cluster.isInitialized()).isFalse();
    }
}
