package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a user makes: each prints one clear line on stderr, exits non-zero, and leaves nothing behind. */
class BadInputTest {

    @Test
    void anUnknownProviderNamesTheKnownOnes() {
        Map<String, String> environment = Cli.base();
        environment.put("DBBRANCH_PROVIDER", "oracle");

        CliResult result = Cli.run(environment, "list");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.error()).isEqualTo("dbbranch: Use provider 'oracle': there is no provider of that name. "
                + "Choose one of local, postgres, lakebase, neon with --provider or DBBRANCH_PROVIDER");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aMissingSecretIsNamedWithWhereToSetItAndNeverAsAFlag() {
        Map<String, String> environment = Cli.base();
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("nosecret");

        CliResult result = Cli.run(environment, "--provider", "postgres", "--postgres-url", "jdbc:postgresql://127.0.0.1:1/postgres",
                "create", name, "--parent", parent);
        CliResult inOrder = Cli.run(environment, "create", name, "--parent", parent, "--provider", "postgres");

        assertThat(result.exit()).as("options of a command come after its name").isEqualTo(2);
        assertThat(inOrder.exit()).isEqualTo(3);
        assertThat(inOrder.error()).contains("DBBRANCH_POSTGRES_URL, DBBRANCH_POSTGRES_PASSWORD are not set")
                .contains("postgres.password in the config file").contains("secrets are never read from flags");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void thereIsNoFlagForASecret() {
        CliResult result = Cli.run(Cli.postgres(), "list", "--postgres-password", "hunter2");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.error()).isEqualTo("dbbranch: Unknown option: '--postgres-password' and 1 unexpected argument "
                + "(not shown) (see: dbbranch list --help)");
        assertThat(Cli.run(Cli.postgres(), "list", "--postgres-password=hunter2").error()).doesNotContain("hunter2");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotEchoIt() {
        Map<String, String> environment = Cli.postgres();
        environment.put("DBBRANCH_POSTGRES_PASSWORD", "wrong-password-123");

        CliResult result = Cli.run(environment, "list");

        assertThat(result.exit()).isEqualTo(7);
        assertThat(result.error()).contains("password authentication failed").doesNotContain("wrong-password-123");
    }

    @Test
    void anInvalidTimestampIsAUsageErrorThatShowsTheExpectedForm() {
        String name = TestProviders.uniqueName("badtime");

        CliResult result = Cli.run(Cli.local(), "create", name, "--parent", "main", "--at", "yesterday noon");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.error()).startsWith("dbbranch: Invalid value for option '--at': 'yesterday noon': it is not a timestamp")
                .contains("Write an RFC 3339 timestamp with its offset (2025-03-01T14:05:00Z)").endsWith("(see: dbbranch create --help)");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void malformedDurationsLsnsAndKeepPoliciesAreUsageErrors() {
        assertThat(Cli.run(Cli.local(), "create", "x", "--parent", "p", "--ttl", "soon").error()).contains("'soon' is not a duration");
        assertThat(Cli.run(Cli.local(), "create", "x", "--parent", "p", "--lsn", "16").error()).contains("'16' is not an LSN");
        assertThat(Cli.run(Cli.local(), "run", "--parent", "p", "--keep", "maybe", "--", "true").error())
                .contains("'maybe' is not a keep policy");
        assertThat(Cli.run(Cli.local(), "create", "x", "--parent", "p", "--at", "2025-01-01T00:00:00Z", "--lsn", "0/1").error())
                .contains("mutually exclusive");
    }

    @Test
    void anEnvPrefixThatMakesNoVariableNameIsAUsageErrorAndNoBranchIsMade() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("badprefix");

        CliResult result = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", name, "--env-prefix", "X;Y=", "--", "true");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.error()).startsWith("dbbranch: Invalid value for option '--env-prefix'")
                .contains("'X;Y='", "only letters, digits and '_'", "Use e.g. ORDERS_");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void aMigrationFolderThatDoesNotExistIsRefusedBeforeABranchIsMade() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("nofolder");

        CliResult result = Cli.run(Cli.postgres(), "run", "--parent", parent, "--name", name, "--migrate", "no-such-folder", "--", "true");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.error()).contains("Migrate from --migrate no-such-folder", "there is no folder", "no-such-folder");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void anInvalidBranchNameSuggestsAValidOne() {
        CliResult result = Cli.run(Cli.local(), "create", "Feature_X", "--parent", "main");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.error()).contains("Try 'feature-x'");
    }

    @Test
    void aConfigFileThatIsNamedMustExist(@TempDir Path folder) {
        CliResult result = Cli.run(Cli.base(), "list", "--config", folder.resolve("absent.properties").toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.error()).contains("absent.properties: there is no such file");
    }

    @Test
    void aMistypedKeyOfTheConfigFileIsWarnedAboutWithoutItsValue(@TempDir Path folder) throws Exception {
        Path config = Files.writeString(folder.resolve("config.properties"), "postgres.pasword=hunter2\n");

        CliResult result = Cli.run(Cli.postgres(), "list", "--prefix", "none-such-", "--config", config.toString());

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).contains("dbbranch: warning: the config file " + config + " has an unknown key 'postgres.pasword', "
                + "which is ignored; did you mean 'postgres.password'?").doesNotContain("hunter2");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Map<String, String> environment = Cli.base();
        environment.put("DBBRANCH_PROVIDER", "oracle");

        CliResult result = Cli.run(environment, "list", "--verbose");

        assertThat(result.err()).startsWith("dbbranch: Use provider 'oracle'").contains("\tat io.dbbranch.cli.");
    }

    @Test
    void theConfigFileChoosesTheProviderAndItsMissingSecretIsNamed(@TempDir Path folder) throws Exception {
        Path config = Files.writeString(folder.resolve("config.properties"), "provider=neon\nneon.project=shiny-wind-1\n");

        CliResult result = Cli.run(Cli.base(), "list", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.error()).isEqualTo("dbbranch: Connect to the neon provider: DBBRANCH_NEON_API_KEY is not set. "
                + "Set DBBRANCH_NEON_API_KEY: DBBRANCH_NEON_API_KEY or neon.apiKey in the config file (secrets are never read "
                + "from flags); config file in use: " + config);
    }
}
