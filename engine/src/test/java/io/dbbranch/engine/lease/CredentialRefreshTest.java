package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialRefreshTest {

    @Test
    void aBodyLongerThanTheTokensLifeKeepsConnectingThroughThePasswordFile(@TempDir Path secrets) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        LeaseSpec spec = LeaseSpec.builder(parent).owner(TestProviders.OWNER).credentialTtl(Duration.ofSeconds(3))
                .secretsDirectory(secrets).build();

        try (BranchLease lease = BranchLease.open(TestProviders.local(), spec, Progress.SILENT)) {
            Credential first = lease.credential();
            Instant end = first.expiresAt().plusSeconds(4);
            int logins = 0;
            while (Instant.now().isBefore(end)) {
                try (Connection connection = loginWithPasswordFile(lease)) {
                    assertThat(connection.isValid(2)).isTrue();
                    logins++;
                }
                Thread.sleep(500);
            }

            assertThat(Instant.now()).isAfter(first.expiresAt());
            assertThat(lease.credential().expiresAt()).isAfter(first.expiresAt());
            assertThat(logins).isGreaterThan(8);
            Path passFile = Path.of(lease.environment().variables().get("PGPASSFILE"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passFile))).isEqualTo("rw-------");
            assertThat(lease.masks()).contains(first.password().reveal(), lease.credential().password().reveal());
        }
    }

    /** Logs in as pgjdbc does from PGPASSFILE: user from the environment, password from the file. */
    private static Connection loginWithPasswordFile(BranchLease lease) throws Exception {
        String file = lease.environment().variables().get("PGPASSFILE");
        System.setProperty("org.postgresql.pgpassfile", file);
        try {
            Properties properties = new Properties();
            properties.setProperty("user", lease.environment().variables().get("PGUSER"));
            return DriverManager.getConnection(lease.connection().jdbcUrl(), properties);
        } finally {
            System.clearProperty("org.postgresql.pgpassfile");
        }
    }
}
