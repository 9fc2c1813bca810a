package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overhead benchmark works end to end against the Lakebase emulator with a few leases. */
class OverheadBenchmarkSmokeTest {

    @Test
    void fewLeasesAgainstTheLakebaseEmulatorReportOverheadEmulatorTimeAndHeap(@TempDir Path work) throws Exception {
        JsonNode report = ReportFiles.runAndRead(Path.of("target", "smoke-reports"), "overhead", "overhead",
                "--targets", "lakebase", "--warmup", "1", "--leases", "3", "--concurrent-leases", "4", "--concurrency", "2",
                "--work", work.toString());

        JsonNode lakebase = report.path("results").path("targets").path("lakebase");
        JsonNode alone = lakebase.path("sequential");
        assertThat(alone.path("leases").asInt()).isEqualTo(3);
        assertThat(alone.path("serviceMsPerLease").asDouble()).as("the emulator's own time").isPositive();
        assertThat(alone.path("callsPerLease").asDouble()).as("API calls per lease").isGreaterThanOrEqualTo(3);
        assertThat(alone.path("overheadMs").path("count").asInt()).isEqualTo(3);
        assertThat(lakebase.path("concurrent").path("concurrency").asInt()).isEqualTo(2);
        assertThat(lakebase.path("heap").path("liveHeldBytes").asLong()).isPositive();
        assertThat(report.path("goals")).hasSize(2);
        assertThat(work).isEmptyDirectory();
    }
}
