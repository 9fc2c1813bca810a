package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.testkit.emulator.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unexpired credential of an identity opens a session, as on Lakebase, however many were minted after it: the
 * emulator's login front checks the token itself. Expired, forged and foreign tokens are refused with 28P01, with
 * pgjdbc and with psql alike.
 */
class LakebaseTokenLoginTest {
    private static final String PSQL = "/usr/bin/psql";
    private static LakebaseProvider provider;
    private static BranchInfo branch;
    private static ConnectionDetails connection;

    @BeforeAll
    static void branch() {
        TestLakebase.emulator().tuning().minCredentialTtl(Duration.ofSeconds(1));
        provider = new LakebaseProvider(TestLakebase.config().build());
        branch = provider.createBranch(TestLakebase.request(TestLakebase.name("tokens")));
        connection = provider.awaitReady(branch, Duration.ofSeconds(30), m -> { });
    }

    @AfterAll
    static void deleteBranch() {
        provider.deleteBranch(branch);
        provider.close();
        TestLakebase.reset();
    }

    @AfterEach
    void keepShortCredentialsAllowed() {
        TestLakebase.emulator().tuning().minCredentialTtl(Duration.ofSeconds(1));
    }

    @Test
    void twoCredentialsMintedOneAfterTheOtherBothLogInWithPgjdbcAndPsql() throws Exception {
        Credential first = provider.mintCredential(branch, connection, Duration.ofMinutes(10));
        Credential second = provider.mintCredential(branch, connection, Duration.ofMinutes(10));

        assertThat(first.password().reveal()).isNotEqualTo(second.password().reveal());
        for (Credential credential : List.of(first, second)) {
            try (Connection db = LakebaseLeaseFlowTest.connect(connection, credential); Statement sql = db.createStatement();
                 ResultSet row = sql.executeQuery("SELECT current_user, length(repeat('x', 1000000)) FROM greeting")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(credential.user());
                assertThat(row.getInt(2)).as("a large row relayed whole").isEqualTo(1_000_000);
            }
            assertThat(psql(credential.password().reveal(), "SELECT current_user").output().trim()).isEqualTo(credential.user());
        }
    }

    @Test
    void anExpiredCredentialIsRefusedWith28P01WhileALaterOneStillLogsIn() throws Exception {
        Credential shortLived = provider.mintCredential(branch, connection, Duration.ofSeconds(1));
        Credential longLived = provider.mintCredential(branch, connection, Duration.ofMinutes(10));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), shortLived.expiresAt()).toMillis()) + 200);

        assertThat(refusal(shortLived.password().reveal()).getSQLState()).isEqualTo("28P01");
        Psql refused = psql(shortLived.password().reveal(), "SELECT 1");
        assertThat(refused.status()).isNotZero();
        assertThat(refused.output()).contains("password authentication failed for user \"" + longLived.user() + "\"");
        LakebaseLeaseFlowTest.connect(connection, longLived).close();
    }

    @Test
    void forgedAndForeignTokensAreRefusedWith28P01(@TempDir Path otherHome) throws Exception {
        Credential real = provider.mintCredential(branch, connection, Duration.ofMinutes(10));
        String[] parts = real.password().reveal().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String laterExpiry = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replaceFirst("\"exp\":\\d+", "\"exp\":4102444800").getBytes(StandardCharsets.UTF_8));
        String otherKey = new TokenSigner(otherHome, "dbbranch-lakebase-emulator", Clock.systemUTC())
                .sign(real.user(), AuthRoutes.DATABASE_TOKEN, Duration.ofMinutes(10), Map.of()).token();
        String accessToken = new TokenSigner(otherHome, "x", Clock.systemUTC())
                .sign(real.user(), AuthRoutes.ACCESS_TOKEN, Duration.ofMinutes(10), Map.of()).token();

        for (String forged : List.of(parts[0] + "." + laterExpiry + "." + parts[2], otherKey, accessToken, "not-a-token", "")) {
            assertThat(refusal(forged).getSQLState()).as(forged).isEqualTo("28P01");
        }
        assertThat(psql(otherKey, "SELECT 1").output()).contains("password authentication failed");
    }

    @Test
    void aCancelRequestReachesTheServer() throws Exception {
        Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(10));
        try (Connection db = LakebaseLeaseFlowTest.connect(connection, credential); Statement sql = db.createStatement()) {
            CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(
                    () -> catchThrowableOfType(SQLException.class, () -> sql.execute("SELECT pg_sleep(60)")));
            Thread.sleep(500);
            sql.cancel();

            assertThat(sleeping.get(20, TimeUnit.SECONDS).getSQLState()).as("query_canceled").isEqualTo("57014");
        }
    }

    private static SQLException refusal(String token) {
        Credential forged = new Credential(TestLakebase.emulator().identities().clientId(),
                io.dbbranch.engine.credentials.Secret.of(token), Instant.now().plusSeconds(60), false);
        return catchThrowableOfType(SQLException.class, () -> LakebaseLeaseFlowTest.connect(connection, forged).close());
    }

    private record Psql(int status, String output) {
    }

    /** psql with its defaults (sslmode=prefer: it asks for SSL first and goes on without). */
    private static Psql psql(String password, String sql) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PSQL, "-X", "-A", "-t", "-h", connection.host(),
                "-p", Integer.toString(connection.port()), "-U", TestLakebase.emulator().identities().clientId(),
                "-d", connection.database(), "-c", sql).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Psql(process.exitValue(), output);
    }
}
