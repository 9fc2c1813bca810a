package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class NeonCredentialRefreshTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @AfterEach
    void storePasswordsAgain() {
        testbed.emulator.tuning().passwordStorage(true);
    }

    @Test
    void aBodyLongerThanTheCredentialsLifeKeepsLoggingInAsTheSameRole(@TempDir Path secrets) throws Exception {
        try (NeonProvider provider = testbed.provider();
             BranchLease lease = BranchLease.open(provider, testbed.lease(secrets).credentialTtl(Duration.ofSeconds(3)).build(),
                     Progress.SILENT)) {
            Credential first = lease.credential();
            Instant end = first.expiresAt().plusSeconds(4);
            int logins = 0;
            while (Instant.now().isBefore(end)) {
                try (Connection connection = loginWithPasswordFile(lease)) {
                    assertThat(connection.isValid(2)).isTrue();
                    logins++;
                }
                Thread.sleep(300);
            }

            assertThat(logins).isGreaterThan(10);
            assertThat(lease.credential().expiresAt()).isAfter(first.expiresAt());
            assertThat(lease.credential().user()).isEqualTo(first.user());
            assertThat(testbed.emulator.roleNames(lease.branch().name())).containsExactly(first.user());
        }
        assertThat(testbed.branchesBesideMain()).isEmpty();
    }

    @Test
    void withRotationARefreshResetsThePasswordAndTheOldOneStopsWorking(@TempDir Path secrets) throws Exception {
        assertARefreshResetsThePasswordOfTheSameRole(testbed.config().withPasswordRotation(true), secrets);
        assertThat(testbed.branchesBesideMain()).isEmpty();
    }

    @Test
    void aProjectThatStoresNoPasswordsGetsItsPasswordResetAtRefresh(@TempDir Path secrets) throws Exception {
        testbed.emulator.tuning().passwordStorage(false);
        assertARefreshResetsThePasswordOfTheSameRole(testbed.config(), secrets);
    }

    private static void assertARefreshResetsThePasswordOfTheSameRole(NeonConfig config, Path secrets) throws Exception {
        try (NeonProvider provider = new NeonProvider(config);
             BranchLease lease = BranchLease.open(provider, testbed.lease(secrets).credentialTtl(Duration.ofSeconds(3)).build(),
                     Progress.SILENT)) {
            Credential first = lease.credential();
            Credential fresh = awaitRefresh(lease, first);

            assertThat(fresh.user()).isEqualTo(first.user());
            assertThat(fresh.password()).isNotEqualTo(first.password());
            try (Connection connection = login(lease, fresh)) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThatThrownBy(() -> login(lease, first).close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    private static Credential awaitRefresh(BranchLease lease, Credential first) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (lease.credential() == first && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(lease.credential()).isNotSameAs(first);
        return lease.credential();
    }

    private static Connection login(BranchLease lease, Credential credential) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credential.user());
        properties.setProperty("password", credential.password().reveal());
        return DriverManager.getConnection(lease.connection().jdbcUrl(), properties);
    }

    /** Logs in as pgjdbc does from PGPASSFILE: user from the environment, password from the file. */
    private static Connection loginWithPasswordFile(BranchLease lease) throws SQLException {
        System.setProperty("org.postgresql.pgpassfile", lease.environment().variables().get("PGPASSFILE"));
        try {
            Properties properties = new Properties();
            properties.setProperty("user", lease.environment().variables().get("PGUSER"));
            return DriverManager.getConnection(lease.connection().jdbcUrl(), properties);
        } finally {
            System.clearProperty("org.postgresql.pgpassfile");
        }
    }
}
