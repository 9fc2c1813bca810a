package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.testing.TestPostgres;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class LocalClusterTest {

    @Test
    void startedClusterAcceptsTheAdminPasswordAndReportsItsPort() throws SQLException {
        LocalCluster cluster = TestPostgres.cluster();

        assertThat(cluster.runningPort()).isPresent();
        assertThat(TestPostgres.queryLong("postgres", "SELECT current_setting('server_version_num')::int / 10000")).isEqualTo(17);
    }

    @Test
    void passwordsAreCheckedNotTrusted() {
        LocalCluster cluster = TestPostgres.cluster();

        assertThatThrownBy(() -> DriverManager.getConnection(cluster.details("postgres").jdbcUrl(), "postgres", "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }
}
