package io.dbbranch.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BranchCredentialsTest {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(1));
    private BranchInfo branch;
    private ConnectionDetails connection;

    @BeforeEach
    void createBranch() {
        String parent = TestProviders.parentWithEntities(1);
        Instant now = Instant.now();
        branch = provider.createBranch(new CreateBranchRequest(TestProviders.uniqueName("cred"), parent, PointInTime.HEAD,
                now.plusSeconds(600), new Labels(TestProviders.OWNER, "job", "1", null, now, now.plusSeconds(600))));
        connection = provider.awaitReady(branch, Duration.ofSeconds(10), Progress.SILENT);
    }

    @AfterEach
    void deleteBranch() {
        provider.deleteBranch(branch);
    }

    @Test
    void theTokenIsAJwtWhoseExpiryMatchesTheCredential() throws Exception {
        Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));

        SignedJWT jwt = SignedJWT.parse(credential.password().reveal());
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(credential.expiresAt());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(credential.user());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("branch")).isEqualTo(branch.name());
        assertThat(credential.toString()).doesNotContain(credential.password().reveal());
    }

    @Test
    void aValidTokenLogsInAndAWrongOneIsRefused() throws Exception {
        Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));

        try (Connection session = login(credential.user(), credential.password().reveal())) {
            assertThat(session.isValid(2)).isTrue();
        }
        assertThatThrownBy(() -> login(credential.user(), credential.password().reveal() + "x"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void anExpiredTokenIsRefusedAtLoginButAnOpenConnectionKeepsWorking() throws Exception {
        Credential credential = provider.mintCredential(branch, connection, Duration.ofSeconds(2));

        try (Connection open = login(credential.user(), credential.password().reveal())) {
            Thread.sleep(Duration.between(Instant.now(), credential.expiresAt()).toMillis() + 1_100);

            assertThatThrownBy(() -> login(credential.user(), credential.password().reveal()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Statement statement = open.createStatement()) {
                assertThat(statement.execute("SELECT count(*) FROM final_entities")).isTrue();
            }
        }
    }

    @Test
    void aLifetimeOutOfRangeIsRefusedClearly() {
        assertThatThrownBy(() -> provider.mintCredential(branch, connection, Duration.ofDays(2)))
                .hasMessageContaining("the lifetime must be between 2 s and 12 h");
    }

    private Connection login(String user, String password) throws SQLException {
        return DriverManager.getConnection(connection.jdbcUrl(), user, password);
    }
}
