package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.ServerAccount;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded cluster's lifecycle in a home of its own (the only test that makes a second cluster). */
class LocalCommandTest {

    @Test
    void startStatusAndStopTheClusterOfAHome(@TempDir Path home) throws Exception {
        ServerAccount.current().letEnter(home);
        Map<String, String> environment = Cli.base();
        environment.put("DBBRANCH_HOME", home.toString());
        try {
            CliResult before = Cli.run(environment, "local", "status", "--json");
            assertThat(before.json().get("running").asBoolean()).isFalse();
            assertThat(before.json().get("initialized").asBoolean()).isFalse();

            CliResult started = Cli.run(environment, "local", "start");
            assertThat(started.exit()).as(started.toString()).isZero();
            assertThat(started.err()).contains("creating and starting the local PostgreSQL 17 cluster in " + home);
            assertThat(started.out()).containsPattern("(?m)^state +running$").containsPattern("(?m)^url +postgresql://postgres:\\*\\*\\*\\*@")
                    .containsPattern("(?m)^postgres +17\\.\\d+$")
                    .containsPattern("(?m)^branch copies +plain file copies \\(cloning needs PostgreSQL 18\\)$");

            JsonNode status = Cli.run(environment, "local", "status", "--json", "--database", "template1").json();
            assertThat(status.get("running").asBoolean()).isTrue();
            assertThat(status.get("port").asInt()).isPositive();
            assertThat(status.get("pgVersion").asText()).startsWith("17.");
            assertThat(status.get("fileCopyMethod").asText()).isEqualTo("copy");
            try (Connection admin = DriverManager.getConnection(status.get("jdbcUrl").asText());
                 ResultSet row = admin.createStatement().executeQuery("SELECT current_database()")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("template1");
            }
            assertThat(status.get("url").asText()).startsWith("postgresql://postgres:").endsWith("/template1?sslmode=disable");

            CliResult stopped = Cli.run(environment, "local", "stop", "--json");
            assertThat(stopped.json().get("running").asBoolean()).isFalse();
            assertThat(stopped.json().get("initialized").asBoolean()).isTrue();

            CliResult otherVersion = Cli.run(environment, "local", "start", "--pg-version", "18");
            assertThat(otherVersion.exit()).isNotZero();
            assertThat(otherVersion.error()).contains("that cluster was created with PostgreSQL 17")
                    .contains("Ask for 17 (or leave the version out), or use another home for PostgreSQL 18 (DBBRANCH_HOME)");
        } finally {
            Cli.run(environment, "local", "stop");
        }
    }

    @Test
    void localWithoutASubcommandIsAUsageError() {
        CliResult bare = Cli.run(Cli.base(), "local");

        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.error()).contains("Missing a subcommand: start, stop or status").contains("dbbranch local --help");
    }
}
