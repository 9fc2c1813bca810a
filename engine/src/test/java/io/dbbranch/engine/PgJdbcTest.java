package io.dbbranch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PgJdbcTest {

    @Test
    void connectsThroughTheDriverItself() throws Exception {
        LocalCluster cluster = TestPostgres.cluster();
        Properties properties = new Properties();
        properties.setProperty("user", LocalCluster.ADMIN_USER);
        properties.setProperty("password", cluster.adminPassword().reveal());

        try (Connection connection = PgJdbc.connect(cluster.details("postgres").jdbcUrl(), properties)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedAsAConnectionFailure() {
        assertThatThrownBy(() -> PgJdbc.connect("jdbc:mysql://127.0.0.1/db", new Properties()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("jdbc:mysql://127.0.0.1/db");
    }
}
