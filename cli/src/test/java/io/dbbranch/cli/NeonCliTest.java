package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The commands on the Neon provider, against the testkit's emulator. */
class NeonCliTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Test
    void createCredentialsListAndDeleteABranch() {
        String name = name();
        Map<String, String> neon = Emulators.neonEnvironment();

        CliResult created = Cli.run(neon, "create", name, "--parent", "main", "--ttl", "10m", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.json().get("id").asText()).startsWith("br-");

        JsonNode credential = Cli.run(neon, "credentials", name, "--json").json();
        assertThat(Cli.query(credential, "SELECT count(*) FROM final_entities")).isEqualTo("10");
        assertThat(Cli.run(neon, "list", "--prefix", name, "--json").json().findValuesAsText("name")).containsExactly(name);

        CliResult deleted = Cli.run(neon, "delete", name);
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(Emulators.neon().branchNames()).doesNotContain(name);
    }

    @Test
    void runPropagatesTheExitCodeAndDeletesTheBranch() {
        String name = name();

        CliResult run = Cli.run(Emulators.neonEnvironment(), "run", "--parent", "main", "--name", name, "--",
                "sh", "-c", "test -n \"$PGPASSWORD\" && exit 4");

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(Emulators.neon().branchNames()).doesNotContain(name);
    }

    @Test
    void aRestoreTheServiceRefusesFailsInOneLineAndLeavesNoBranch() {
        String recovery = name();

        // The test emulator keeps no history from before it started: the moment is outside the history window.
        CliResult restored = Cli.run(Emulators.neonEnvironment(), "restore", "--branch", "main", "--at",
                Instant.now().minusSeconds(3600).toString(),
                "--into", recovery, "--verify", "SELECT count(*) FROM final_entities", "--expect", "10");

        assertThat(restored.exit()).as(restored.toString()).isEqualTo(3);
        assertThat(restored.error().strip()).contains("history window").doesNotContain("\n");
        assertThat(Emulators.neon().branchNames()).doesNotContain(recovery);
    }

    @Test
    void aWrongApiKeyIsAnAuthenticationFailureThatDoesNotShowIt() {
        Map<String, String> neon = Emulators.neonEnvironment();
        neon.put("DBBRANCH_NEON_API_KEY", "napi-wrong-key-77");

        CliResult result = Cli.run(neon, "list");

        assertThat(result.exit()).as(result.toString()).isEqualTo(7);
        assertThat(result.error()).doesNotContain("napi-wrong-key-77");
    }

    private static String name() {
        return "ci-cli-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }
}
