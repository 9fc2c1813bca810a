package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password files go to a folder of the user's, never to the shared temporary folder. */
class SecretsFolderTest {

    @Test
    void theRuntimeFolderIsUsedWhenThereIsOne(@TempDir Path runtime) {
        assertThat(SecretsFolder.location(Map.of("XDG_RUNTIME_DIR", runtime.toString()), Path.of("/home/ci")))
                .isEqualTo(runtime.resolve("dbbranch"));
    }

    @Test
    void elseTheFolderIsUnderTheUsersHome() {
        assertThat(SecretsFolder.location(Map.of(), Path.of("/home/ci"))).isEqualTo(Path.of("/home/ci/.dbbranch/secrets"));
        assertThat(SecretsFolder.location(Map.of("XDG_RUNTIME_DIR", "/run/user/none"), Path.of("/home/ci")))
                .isEqualTo(Path.of("/home/ci/.dbbranch/secrets"));
    }

    @Test
    void aSpecWithoutAFolderNeverWritesToTheSharedTemporaryFolder() {
        LeaseSpec spec = LeaseSpec.builder("main").secretsDirectory(Path.of("/chosen")).build();

        assertThat(spec.secretsDirectory()).isEqualTo(Path.of("/chosen"));
        Path byDefault = SecretsFolder.location(System.getenv(), Path.of(System.getProperty("user.home")));
        assertThat(byDefault.startsWith(Path.of(System.getProperty("java.io.tmpdir")))).as(byDefault.toString()).isFalse();
    }
}
