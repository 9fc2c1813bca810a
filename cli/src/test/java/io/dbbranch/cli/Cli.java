package io.dbbranch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.ScratchFolders;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process against the shared test server. Every environment has its own empty home, so no user's
 * {@code ~/.dbbranch/config.properties} is read; the local provider's home is the test server's own folder, so
 * {@code local} and {@code postgres} both work on the one cluster of the test JVM.
 */
final class Cli {
    private static Path emptyHome;

    private Cli() {
    }

    /** The postgres provider on the test server, with the test owner. */
    static Map<String, String> postgres() {
        LocalCluster cluster = TestPostgres.cluster();
        Map<String, String> environment = base();
        environment.put("DBBRANCH_PROVIDER", "postgres");
        environment.put("DBBRANCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + cluster.start() + "/postgres?sslmode=disable");
        environment.put("DBBRANCH_POSTGRES_USER", LocalCluster.ADMIN_USER);
        environment.put("DBBRANCH_POSTGRES_PASSWORD", cluster.adminPassword().reveal());
        return environment;
    }

    /** The local provider, whose home is the test server's folder (so it finds that server running). */
    static Map<String, String> local() {
        Map<String, String> environment = base();
        environment.put("DBBRANCH_HOME", TestPostgres.cluster().directory().getParent().toString());
        return environment;
    }

    /**
     * The local provider with history (WAL archive and base backups), for branches of the past: its home is the
     * engine test-jar's {@link TestHistory} cluster.
     */
    static Map<String, String> archiving() {
        Map<String, String> environment = base();
        environment.put("DBBRANCH_HOME", TestHistory.provider().cluster().directory().getParent().toString());
        return environment;
    }

    /** The repository's sample migrations. */
    static Path sampleMigrations() {
        return Path.of("..", "examples", "migrations").toAbsolutePath().normalize();
    }

    /** No provider settings at all, and a home of its own. */
    static synchronized Map<String, String> base() {
        if (emptyHome == null) {
            emptyHome = ScratchFolders.removedAtExit(LocalHome.temporary("dbbranch-cli-home").path());
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("DBBRANCH_HOME", emptyHome.toString());
        environment.put("DBBRANCH_OWNER", TestProviders.OWNER);
        environment.put("PATH", System.getenv("PATH"));
        return environment;
    }

    /**
     * The first value {@code sql} returns, as text, logged in with a login the CLI printed as JSON
     * ({@code credentials --json}: {@code jdbcUrl}, {@code user}, {@code token}).
     */
    static String query(JsonNode login, String sql) {
        try (Connection session = DriverManager.getConnection(login.get("jdbcUrl").asText(), login.get("user").asText(),
                login.get("token").asText());
             ResultSet row = session.createStatement().executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("login or query failed: " + e.getMessage(), e);
        }
    }

    static CliResult run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(environment, Path.of(""), new PrintWriter(out, true), new PrintWriter(err, true), false);
        int exit = DbBranch.execute(context, args);
        return new CliResult(exit, out.toString(), err.toString());
    }
}
