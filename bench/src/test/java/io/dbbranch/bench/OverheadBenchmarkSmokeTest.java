package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.ServerAccount;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overhead benchmark works end to end against both emulators with a few leases. */
class OverheadBenchmarkSmokeTest {

    @Test
    void fewLeasesAgainstEachEmulatorReportOverheadEmulatorTimeAndHeap(@TempDir Path work) throws Exception {
        ServerAccount.current().letEnter(work);
        JsonNode report = ReportFiles.runAndRead(Path.of("target", "smoke-reports"), "overhead", "overhead",
                "--targets", "lakebase,neon", "--warmup", "1", "--leases", "3", "--concurrent-leases", "4", "--concurrency", "2",
                "--work", work.toString());

        for (String emulator : new String[] {"lakebase", "neon"}) {
            JsonNode target = report.path("results").path("targets").path(emulator);
            JsonNode alone = target.path("sequential");
            assertThat(alone.path("leases").asInt()).as(emulator).isEqualTo(3);
            assertThat(alone.path("serviceMsPerLease").asDouble()).as(emulator + ": the emulator's own time").isPositive();
            assertThat(alone.path("callsPerLease").asDouble()).as(emulator + ": API calls per lease").isGreaterThanOrEqualTo(3);
            assertThat(alone.path("overheadMs").path("count").asInt()).as(emulator).isEqualTo(3);
            assertThat(target.path("concurrent").path("concurrency").asInt()).as(emulator).isEqualTo(2);
            assertThat(target.path("heap").path("liveHeldBytes").asLong()).as(emulator).isPositive();
        }
        assertThat(report.path("settings").path("the emulators' CPU priority").asText())
                .as("the stand-in services run below the engine's priority by default").startsWith("nice 10");
        assertThat(report.path("goals")).hasSize(4);
        assertThat(work).isEmptyDirectory();
    }
}
