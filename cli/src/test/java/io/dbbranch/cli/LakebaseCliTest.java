package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The commands on the Lakebase provider, against the testkit's emulator. */
class LakebaseCliTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Test
    void createCredentialsListAndDeleteABranch() {
        String name = name();
        Map<String, String> lakebase = Emulators.lakebaseEnvironment();

        CliResult created = Cli.run(lakebase, "create", name, "--parent", "main", "--ttl", "10m", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.json().get("database").asText()).isEqualTo(name);
        assertThat(created.json().path("restorePoint").asText(null)).as("a plain branch has no restore point").isNull();

        JsonNode credential = Cli.run(lakebase, "credentials", name, "--json").json();
        assertThat(Cli.query(credential, "SELECT text FROM greeting")).isEqualTo("hello from main");
        assertThat(Cli.run(lakebase, "list", "--prefix", name, "--json").json().findValuesAsText("name")).containsExactly(name);

        CliResult deleted = Cli.run(lakebase, "delete", name);
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(Emulators.lakebase().branchIds()).doesNotContain(name);
    }

    @Test
    void runPropagatesTheExitCodeAndDeletesTheBranch() {
        String name = name();

        CliResult run = Cli.run(Emulators.lakebaseEnvironment(), "run", "--parent", "main", "--name", name, "--",
                "sh", "-c", "test \"$PGDATABASE\" = " + name + " && exit 7");

        assertThat(run.exit()).as(run.toString()).isEqualTo(7);
        assertThat(Emulators.lakebase().branchIds()).doesNotContain(name);
    }

    @Test
    void aWrongClientSecretIsAnAuthenticationFailureThatDoesNotShowIt() {
        Map<String, String> lakebase = Emulators.lakebaseEnvironment();
        lakebase.put("DBBRANCH_LAKEBASE_CLIENT_SECRET", "not-the-secret-42");

        CliResult result = Cli.run(lakebase, "list");

        assertThat(result.exit()).isEqualTo(7);
        assertThat(result.error()).doesNotContain("not-the-secret-42");
    }

    @Test
    void missingSettingsAreNamedAllAtOnce() {
        Map<String, String> environment = Cli.base();
        environment.put("DBBRANCH_PROVIDER", "lakebase");

        CliResult result = Cli.run(environment, "list");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.error()).contains("DBBRANCH_LAKEBASE_WORKSPACE, DBBRANCH_LAKEBASE_PROJECT, DBBRANCH_LAKEBASE_CLIENT_ID, "
                + "DBBRANCH_LAKEBASE_CLIENT_SECRET are not set");
    }

    private static String name() {
        return "ci-cli-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }
}
