package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestProviders;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReapCommandTest {

    @Test
    void onlyOurExpiredBranchesGoAndADryRunDeletesNothing() throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = TestProviders.uniqueName("reap") + "-";
        Map<String, String> someoneElse = new HashMap<>(Cli.postgres());
        someoneElse.put("DBBRANCH_OWNER", "cli@elsewhere");
        Cli.run(Cli.postgres(), "create", prefix + "expired", "--parent", parent, "--ttl", "1s");
        Cli.run(Cli.postgres(), "create", prefix + "live", "--parent", parent, "--ttl", "1h");
        Cli.run(someoneElse, "create", prefix + "theirs", "--parent", parent, "--ttl", "1s");
        Thread.sleep(1_100);

        CliResult dryRun = Cli.run(Cli.postgres(), "reap", "--prefix", prefix, "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).containsPattern(prefix + "expired +would delete +expired at");
        assertThat(TestProviders.databaseExists(prefix + "expired")).isTrue();

        CliResult reaped = Cli.run(Cli.postgres(), "reap", "--prefix", prefix, "--json");

        assertThat(reaped.exit()).as(reaped.toString()).isZero();
        JsonNode report = reaped.json();
        assertThat(report.get("deleted")).singleElement().satisfies(entry ->
                assertThat(entry.get("branch").asText()).isEqualTo(prefix + "expired"));
        assertThat(report.get("skipped").findValuesAsText("branch")).containsExactlyInAnyOrder(prefix + "live", prefix + "theirs");
        assertThat(TestProviders.databaseExists(prefix + "expired")).isFalse();
        assertThat(TestProviders.databaseExists(prefix + "theirs")).isTrue();
    }
}
