package io.dbbranch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path home;

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheConfigFile() throws Exception {
        Files.writeString(home.resolve("config.properties"), "provider=neon\npostgres.url=from-file\npostgres.user=file-user\n");
        Map<String, String> environment = Map.of("DBBRANCH_HOME", home.toString(), "DBBRANCH_PROVIDER", "lakebase",
                "DBBRANCH_POSTGRES_URL", "from-env");

        Settings settings = Settings.load(Map.of(ConfigKey.PROVIDER, "postgres"), null, context(environment), warnings::add);

        assertThat(settings.provider()).isEqualTo("postgres");
        assertThat(settings.value(ConfigKey.POSTGRES_URL)).contains("from-env");
        assertThat(settings.value(ConfigKey.POSTGRES_USER)).contains("file-user");
        assertThat(settings.configFile()).contains(home.resolve("config.properties"));
    }

    @Test
    void unknownKeysOfTheConfigFileAreWarnedAboutByNameWithTheClosestKnownOneButNeverTheirValues() throws Exception {
        Files.writeString(home.resolve("config.properties"), "provider=postgres\npostgres.pasword=hunter2\n"
                + "DBBRANCH_NEON_API_KEY=key-123\nshoe.size=forty-four\nlonely-secret-456\n");

        Settings.load(Map.of(), null, context(Map.of("DBBRANCH_HOME", home.toString())), warnings::add);

        assertThat(warnings).hasSize(4);
        assertThat(warnings).anyMatch(w -> w.contains("unknown key 'postgres.pasword'") && w.endsWith("did you mean 'postgres.password'?"))
                .anyMatch(w -> w.contains("unknown key 'DBBRANCH_NEON_API_KEY'") && w.endsWith("did you mean 'neon.apiKey'?"))
                .anyMatch(w -> w.contains("unknown key 'shoe.size', which is ignored") && !w.contains("did you mean"))
                .anyMatch(w -> w.contains("a line without '=' (not shown"))
                .allMatch(w -> w.contains(home.resolve("config.properties").toString()))
                .noneMatch(w -> w.contains("hunter2") || w.contains("key-123") || w.contains("forty-four") || w.contains("lonely-secret-456"));
    }

    @Test
    void secretsComeFromTheEnvironmentOrTheFileButNeverAFlag() throws Exception {
        Files.writeString(home.resolve("config.properties"), "neon.apiKey=from-file\n");
        Settings fromFile = Settings.load(Map.of(), null, context(Map.of("DBBRANCH_HOME", home.toString())), warnings::add);
        Settings fromEnvironment = Settings.load(Map.of(), null,
                context(Map.of("DBBRANCH_HOME", home.toString(), "DBBRANCH_NEON_API_KEY", "from-env")), warnings::add);

        assertThat(fromFile.secret(ConfigKey.NEON_API_KEY).orElseThrow().reveal()).isEqualTo("from-file");
        assertThat(fromEnvironment.secret(ConfigKey.NEON_API_KEY).orElseThrow().reveal()).isEqualTo("from-env");
        assertThat(fromEnvironment.secret(ConfigKey.NEON_API_KEY).orElseThrow()).hasToString("****");
        assertThatThrownBy(() -> new Settings(Map.of(ConfigKey.NEON_API_KEY, "flag"), Map.of(), ConfigFile.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfigFileWithSecretsThatOthersCanReadIsWarnedAbout() throws Exception {
        Path file = Files.writeString(home.resolve("shared.properties"), "postgres.password=secret-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Settings.load(Map.of(), file, context(Map.of("DBBRANCH_HOME", home.toString())), warnings::add);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Settings.load(Map.of(), file, context(Map.of("DBBRANCH_HOME", home.toString())), warnings::add);

        assertThat(warnings).singleElement().asString().contains("chmod 600 " + file).doesNotContain("secret-value");
    }

    @Test
    void theOwnerDefaultsToTheCliOnThisHost() {
        Settings settings = new Settings(Map.of(), Map.of(), ConfigFile.none());

        assertThat(settings.owner()).startsWith("cli@");
        assertThat(settings.provider()).isEqualTo("local");
    }

    private final List<String> warnings = new ArrayList<>();

    private CliContext context(Map<String, String> environment) {
        return new CliContext(environment, home, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    }
}
