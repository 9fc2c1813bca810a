package io.dbbranch.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one idle admin session kept between short pieces of work, and only when it is as it was opened. */
class WarmSessionTest {
    private final WarmSession warm = new WarmSession(WarmSessionTest::openAdmin, Duration.ofMillis(300));

    @Test
    void aSessionGivenBackIsWhatTheNextCallerGets() throws Exception {
        int first;
        try (Connection session = warm.take()) {
            first = backendPid(session);
        }
        try (Connection session = warm.take()) {
            assertThat(backendPid(session)).isEqualTo(first);
        }
    }

    @Test
    void aHandleIsUnusableOnceGivenBackEvenThoughItsSessionLivesOn() throws Exception {
        Connection handle = warm.take();
        handle.close();

        assertThat(handle.isClosed()).isTrue();
        assertThatThrownBy(handle::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void aSessionLeftInATransactionOrWithoutAutoCommitIsClosedNotKept() throws Exception {
        int left;
        try (Connection session = warm.take()) {
            left = backendPid(session);
            session.setAutoCommit(false);
            session.createStatement().execute("SELECT 1");
        }
        try (Connection session = warm.take()) {
            assertThat(backendPid(session)).isNotEqualTo(left);
        }
        awaitGone(left);
    }

    @Test
    void aSessionTheServerEndedIsReplacedBeforeAnyoneUsesIt() throws Exception {
        int ended;
        try (Connection session = warm.take()) {
            ended = backendPid(session);
        }
        TestPostgres.execute("postgres", "SELECT pg_terminate_backend(" + ended + ")");
        awaitGone(ended);

        try (Connection session = warm.take()) {
            assertThat(backendPid(session)).isNotEqualTo(ended);
        }
    }

    @Test
    void anIdleSessionIsClosedOnceItsTimeIsUp() throws Exception {
        int idle;
        try (Connection session = warm.take()) {
            idle = backendPid(session);
        }
        assertThat(alive(idle)).isTrue();

        awaitGone(idle);
    }

    private static Connection openAdmin() {
        try {
            return TestPostgres.cluster().connectAdmin("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int backendPid(Connection session) throws SQLException {
        try (ResultSet row = session.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static boolean alive(int pid) {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) > 0;
    }

    private static void awaitGone(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + pid + " is still open");
            }
            Thread.sleep(20);
        }
    }
}
