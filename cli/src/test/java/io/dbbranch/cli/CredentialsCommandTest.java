package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialsCommandTest {

    @Test
    void jsonCarriesATokenThatLogsIntoTheBranchUntilItsExpiry() {
        String parent = TestProviders.parentWithEntities(3);
        String name = TestProviders.uniqueName("creds");
        Cli.run(Cli.local(), "create", name, "--parent", parent);

        CliResult minted = Cli.run(Cli.local(), "credentials", name, "--ttl", "5m", "--json");

        assertThat(minted.exit()).as(minted.toString()).isZero();
        JsonNode credential = minted.json();
        assertThat(credential.get("user").asText()).isEqualTo(name);
        assertThat(credential.get("token").asText()).as("a JWT").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(Instant.parse(credential.get("expiresAt").asText())).isBefore(Instant.now().plus(Duration.ofMinutes(5).plusSeconds(1)));
        assertThat(Cli.query(credential, "SELECT count(*) FROM final_entities")).isEqualTo("3");
    }

    @Test
    void humanOutputHidesTheTokenUnlessAskedToShowIt() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("masked");
        Cli.run(Cli.postgres(), "create", name, "--parent", parent);

        CliResult hidden = Cli.run(Cli.postgres(), "credentials", name);
        CliResult shown = Cli.run(Cli.postgres(), "credentials", name, "--show-secret");

        assertThat(hidden.exit()).as(hidden.toString()).isZero();
        assertThat(hidden.out()).containsPattern("(?m)^token +\\*\\*\\*\\* ").doesNotContain("eyJ");
        assertThat(hidden.out()).containsPattern("(?m)^user +" + name + "$").containsPattern("(?m)^database +" + name + "$");
        assertThat(shown.out()).containsPattern("(?m)^token +eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+$");
    }

    @Test
    void anUnknownBranchIsNotFound() {
        CliResult missing = Cli.run(Cli.postgres(), "credentials", TestProviders.uniqueName("nobody"));

        assertThat(missing.exit()).isEqualTo(4);
        assertThat(missing.error()).startsWith("dbbranch: Mint a credential for branch");
    }

    @Test
    void aLifetimeTheProviderDoesNotAcceptIsRefused() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("long");
        Cli.run(Cli.postgres(), "create", name, "--parent", parent);

        CliResult refused = Cli.run(Cli.postgres(), "credentials", name, "--ttl", "2d");

        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.error()).contains("lifetime must be between");
    }
}
