package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.ServerAccount;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak works end to end with a handful of leases; the counts it reports are checked for shape, not judged. */
class SoakSmokeTest {

    @Test
    void tinyLakebaseSoakInjectsFaultsAndNeverLeaksSilently(@TempDir Path work) throws Exception {
        ServerAccount.current().letEnter(work);
        JsonNode report = ReportFiles.runAndRead(Path.of("target", "smoke-reports", "lakebase"), "soak", "soak",
                "--targets", "lakebase", "--leases", "6", "--concurrency", "3", "--fault-rate", "0.4", "--kill-share", "0.5",
                "--kill-leases", "4", "--kill-concurrency", "2", "--expiry-window", "3", "--work", work.toString());

        JsonNode lakebase = report.path("results").path("targets").path("lakebase");
        assertThat(lakebase.path("faultsInjected").asBoolean()).isTrue();
        JsonNode proxy = lakebase.path("soak").path("proxy");
        assertThat(proxy.path("faulted").asLong()).as("calls answered with a fault").isPositive();
        assertThat(proxy.path("faulted").asLong()).isEqualTo(proxy.path("rate_limited").asLong()
                + proxy.path("unavailable").asLong() + proxy.path("slow").asLong() + proxy.path("reset_after_acting").asLong());
        assertThat(lakebase.path("soak").path("leases").asInt()).isEqualTo(6);
        // Issue 19: a lease interrupted after its create's answer was lost left its branch and said nothing.
        assertThat(lakebase.path("soak").path("silentlyLeaked")).as("leaked without 'may have left it'").isEmpty();
        assertThat(lakebase.path("processKill").has("leftovers")).isTrue();
        assertThat(report.path("goals")).hasSize(5);
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void tinyLocalSoakInterruptsKillsReapsAndReportsEveryCount(@TempDir Path work) throws Exception {
        ServerAccount.current().letEnter(work);
        JsonNode report = ReportFiles.runAndRead(Path.of("target", "smoke-reports"), "soak", "soak", "--targets", "local",
                "--leases", "8", "--concurrency", "4", "--kill-share", "0.5", "--kill-leases", "6", "--kill-concurrency", "3",
                "--expiry-window", "3", "--work", work.toString());

        JsonNode local = report.path("results").path("targets").path("local");
        assertThat(local.path("soak").path("leases").asInt()).isEqualTo(8);
        assertThat(local.path("soak").path("killed").asLong()).as("leases interrupted").isPositive();
        assertThat(local.path("soak").path("results").path("COMPLETED").asLong()
                + local.path("soak").path("results").path("INTERRUPTED").asLong()).isEqualTo(8);
        assertThat(local.path("soak").path("leaked")).isEmpty();
        assertThat(local.path("processKill").path("openedBeforeKill").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(local.path("processKill").path("leftovers")).isEmpty();
        assertThat(report.path("goals")).hasSize(5);
        assertThat(work).isEmptyDirectory();
    }
}
