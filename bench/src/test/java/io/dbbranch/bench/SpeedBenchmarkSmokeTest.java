package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.ServerAccount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The speed benchmark works end to end at a tiny size; its figures are not judged here. */
class SpeedBenchmarkSmokeTest {

    @Test
    void tinySpeedRunWritesAReportWithEveryWayAndTheRatios(@TempDir Path work) throws Exception {
        ServerAccount.current().letEnter(work);
        Path out = Path.of("target", "smoke-reports");
        JsonNode report = ReportFiles.runAndRead(out, "speed", "speed", "--sizes", "9", "--runs", "1", "--fsync", "off",
                "--work", work.toString());

        JsonNode setup = report.path("results").path("setups").get(0);
        assertThat(setup.path("fileSystem").asText()).as("the report names the file system").isNotBlank();
        assertThat(setup.path("clonesFiles").isBoolean()).as("and whether files were cloned").isTrue();
        assertThat(setup.path("server").asText()).startsWith("17.");
        JsonNode size = setup.path("results").get(0);
        assertThat(size.path("targetMb").asInt()).isEqualTo(9);
        assertThat(size.path("databaseBytes").asLong()).as("parent size").isBetween(7L << 20, 12L << 20);
        for (String way : List.of("branch", "fresh", "copy", "template")) {
            assertThat(size.path("elapsed").path(way).path("medianMs").asDouble()).as(way).isPositive();
            assertThat(size.path("ratioToBranch").path(way).asDouble()).as(way + " ratio").isPositive();
        }
        assertThat(size.path("stepMediansMs").path("fresh").fieldNames()).toIterable()
                .containsExactly("create", "migrate", "load");
        assertThat(report.path("goals")).hasSize(2);
        assertThat(work).isEmptyDirectory();
    }
}
