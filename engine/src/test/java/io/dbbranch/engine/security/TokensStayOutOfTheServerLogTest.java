package io.dbbranch.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.testing.ScratchFolders;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A server that logs every statement (as {@code log_statement = ddl} does for {@code ALTER ROLE} on many production
 * servers) sees a branch's SCRAM verifier when a credential is minted, never the token that logs in.
 */
class TokensStayOutOfTheServerLogTest {
    @Test
    void aMintedTokenLogsInButNeitherTheServerLogNorTheCatalogHoldsIt() throws Exception {
        LocalHome home = LocalHome.temporary("dbbranch-logged-");
        LocalCluster cluster = new LocalCluster(home.clusterDirectory(), ClusterSettings.ephemeral().with("log_statement", "'all'"));
        try {
            LocalProvider provider = new LocalProvider(cluster, TestProviders.OWNER);
            BranchInfo root = provider.createRoot("logged", new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null));
            Credential credential = provider.mintCredential(root, provider.awaitReady(root, Duration.ofSeconds(5), m -> { }),
                    Duration.ofMinutes(5));
            String token = credential.password().reveal();

            try (Connection session = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + cluster.start() + "/logged", credential.user(), token);
                 ResultSet row = session.createStatement().executeQuery("SELECT current_user")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("logged");
            }
            String log = Files.readString(cluster.logFile(), StandardCharsets.UTF_8);
            assertThat(log).contains("ALTER ROLE \"logged\" PASSWORD 'SCRAM-SHA-256$4096:").doesNotContain(token)
                    .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            try (Connection admin = cluster.connectAdmin("postgres");
                 ResultSet row = admin.createStatement().executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'logged'")) {
                row.next();
                assertThat(row.getString(1)).startsWith("SCRAM-SHA-256$4096:").doesNotContain(token);
            }
        } finally {
            cluster.stop();
            ScratchFolders.delete(home.path());
        }
    }
}
