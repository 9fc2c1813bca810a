package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.ServerAccount;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point-in-time benchmark works end to end at a tiny size; its times are not judged here. */
class PitrBenchmarkSmokeTest {

    @Test
    void tinyRestoreRunReportsTimesAndTheRestorePointOfEveryRestore(@TempDir Path work) throws Exception {
        ServerAccount.current().letEnter(work);
        JsonNode report = ReportFiles.runAndRead(Path.of("target", "smoke-reports"), "pitr", "pitr", "--sizes", "8",
                "--runs", "1", "--fsync", "off", "--before-load", "false", "--work", work.toString());

        JsonNode setup = report.path("results").path("setups").get(0);
        assertThat(setup.path("fileSystem").asText()).as("the report names the file system").isNotBlank();
        assertThat(setup.path("clonesFiles").isBoolean()).as("and whether files were cloned").isTrue();
        JsonNode restores = setup.path("results");
        assertThat(restores).hasSize(1);
        JsonNode afterLoad = restores.get(0);
        assertThat(afterLoad.path("baseBackup").asText()).isEqualTo("after-load");
        assertThat(afterLoad.path("elapsed").path("medianMs").asDouble()).isPositive();
        assertThat(afterLoad.path("runs")).hasSize(1);
        assertThat(afterLoad.path("runs").get(0).path("requested").asText()).isNotBlank();
        assertThat(afterLoad.path("exactRuns").asInt()).as("the restore stopped at the requested commit").isEqualTo(1);
        assertThat(report.path("goals")).hasSize(2);
        assertThat(work).isEmptyDirectory();
    }
}
