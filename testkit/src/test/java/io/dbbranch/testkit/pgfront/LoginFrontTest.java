package io.dbbranch.testkit.pgfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.TestPostgres;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The login front on its own, in front of a real server, with a check that takes one password. */
class LoginFrontTest {
    private static final String FRONT_PASSWORD = "open sesame";

    private final LocalCluster cluster = TestPostgres.cluster();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** Admits the front password as the server's superuser with {@code realPassword}. */
    private LoginFront front(int maxSessions, Secret realPassword) {
        return LoginFront.start(new LoginFront.Options("127.0.0.1", 0, maxSessions, Duration.ofSeconds(10)),
                () -> new InetSocketAddress("127.0.0.1", cluster.start()), (user, database, password) -> {
                    asked.add(user + "@" + database);
                    return password.reveal().equals(FRONT_PASSWORD)
                            ? new LoginCheck.Admitted(LocalCluster.ADMIN_USER, realPassword)
                            : LoginCheck.Refused.wrongPassword(user);
                });
    }

    private static Connection connect(LoginFront front, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "someone");
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "prefer");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + front.port() + "/postgres", properties);
    }

    @Test
    void anAdmittedLoginIsRelayedAsTheRoleTheCheckNamed() throws Exception {
        try (LoginFront front = front(4, cluster.adminPassword());
             Connection db = connect(front, FRONT_PASSWORD); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_user, current_database()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(LocalCluster.ADMIN_USER);
            assertThat(row.getString(2)).isEqualTo("postgres");
            assertThat(asked).containsExactly("someone@postgres");
        }
    }

    @Test
    void aRefusedLoginGetsTheChecksErrorAndNeverReachesTheServer() {
        try (LoginFront front = front(4, cluster.adminPassword())) {
            SQLException refused = catchThrowableOfType(SQLException.class, () -> connect(front, "wrong").close());

            assertThat(refused.getSQLState()).isEqualTo("28P01");
            assertThat(refused.getMessage()).contains("password authentication failed for user \"someone\"");
        }
    }

    @Test
    void theServersOwnRefusalReachesTheClient() {
        try (LoginFront front = front(4, Secret.of("not the real password"))) {
            SQLException refused = catchThrowableOfType(SQLException.class, () -> connect(front, FRONT_PASSWORD).close());

            assertThat(refused.getSQLState()).isEqualTo("28P01");
            assertThat(refused.getMessage()).contains("\"" + LocalCluster.ADMIN_USER + "\"");
        }
    }

    @Test
    void aLoginBeyondTheSessionLimitIsRefusedWith53300UntilOneEnds() throws Exception {
        try (LoginFront front = front(1, cluster.adminPassword())) {
            try (Connection first = connect(front, FRONT_PASSWORD)) {
                SQLException refused = catchThrowableOfType(SQLException.class, () -> connect(front, FRONT_PASSWORD).close());
                assertThat(refused.getSQLState()).isEqualTo("53300");
                assertThat(first.isValid(5)).isTrue();
            }
            // The session's threads let go of its slot as they end.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (Connection again = connect(front, FRONT_PASSWORD)) {
                    assertThat(again.isValid(5)).isTrue();
                    return;
                } catch (SQLException e) {
                    if (!"53300".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }
}
