package io.dbbranch.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.migration.MigrationFixtures;
import io.dbbranch.engine.migration.UpstreamMigration;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The promise: on the postgres provider the admin needs CREATEDB and CREATEROLE, not superuser. A whole branch life
 * (root, its owner's data, a branch of it, the branch's login, deletion) works for such an admin, and an admin without
 * CREATEROLE is told so on its first call.
 */
class NonSuperuserAdminTest {
    private static final String PASSWORD = "not-a-superuser";
    private final String adminRole = TestProviders.uniqueName("admin");

    @AfterEach
    void dropTheAdmin() {
        TestPostgres.execute("postgres", "DROP ROLE IF EXISTS \"" + adminRole + "\"");
    }

    @Test
    void aCreatedbCreateroleAdminRunsAWholeBranchLife() throws Exception {
        PostgresProvider provider = adminWith("CREATEDB CREATEROLE");
        Instant now = Instant.now();
        BranchInfo root = provider.createRoot(TestProviders.uniqueName("root"), new Labels(TestProviders.OWNER, null, null, null, now, null));
        try {
            sql(provider, root, "CREATE TABLE entities (id int PRIMARY KEY)", "INSERT INTO entities SELECT generate_series(1, 7)");

            BranchInfo branch = provider.createBranch(new CreateBranchRequest(TestProviders.uniqueName("branch"), root.name(),
                    PointInTime.HEAD, now.plusSeconds(600), new Labels(TestProviders.OWNER, "job", "1", null, now, now.plusSeconds(600))));
            try {
                assertThat(sql(provider, branch, "INSERT INTO entities VALUES (8)", "SELECT count(*) FROM entities")).isEqualTo("8");
                assertThat(owns(branch.name(), "entities")).as("the branch's role owns its copy").isTrue();
            } finally {
                assertThat(provider.deleteBranch(branch)).isTrue();
            }
            assertThat(TestProviders.databaseExists(branch.name())).isFalse();
            assertThat(TestProviders.roleExists(branch.name())).isFalse();
        } finally {
            provider.deleteBranch(root);
        }
    }

    @Test
    void aCreatedbCreateroleAdminMigratesARootUpstreamAsTheRootsOwner() {
        PostgresProvider provider = adminWith("CREATEDB CREATEROLE");
        BranchInfo root = provider.createRoot(TestProviders.uniqueName("root"),
                new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null));
        try {
            UpstreamReport report = new UpstreamMigration(provider, Progress.SILENT)
                    .run(UpstreamRequest.builder(root.name(), MigrationFixtures.options("base").build()).build());

            assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
            assertThat(owns(root.name(), "customers")).as("made by the root's own role").isTrue();
            assertThat(TestProviders.databaseExists(report.rehearsalBranch())).as("rehearsal branch left behind; warnings: %s",
                    report.warnings()).isFalse();
        } finally {
            provider.deleteBranch(root);
        }
    }

    /**
     * A forced drop checks that the admin may signal every process in the database first, and a non-superuser admin
     * may not signal an autovacuum worker (nor a superuser's session, which stands in for one here): the branch is
     * still deleted once that process leaves, and the branch role's own session is ended.
     */
    @Test
    void aCreatedbCreateroleAdminDeletesABranchWhileAProcessItMayNotEndIsLeavingIt() throws Exception {
        PostgresProvider provider = adminWith("CREATEDB CREATEROLE");
        BranchInfo root = provider.createRoot(TestProviders.uniqueName("root"),
                new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null));
        Connection leaving = TestPostgres.cluster().connectAdmin(root.name());
        try (Connection staying = login(provider, root)) {
            CompletableFuture<Void> leaves = CompletableFuture.runAsync(() -> close(leaving),
                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

            assertThat(provider.deleteBranch(root)).isTrue();
            assertThat(TestProviders.databaseExists(root.name())).isFalse();
            assertThat(staying.isValid(1)).as("the branch role's session was ended").isFalse();
            leaves.join();
        } finally {
            close(leaving);
            provider.deleteBranch(root);
        }
    }

    @Test
    void anAdminWithoutCreateroleIsToldWhatIsMissing() {
        PostgresProvider provider = adminWith("CREATEDB");

        assertThatThrownBy(() -> provider.listBranches(""))
                .isInstanceOf(DbBranchException.class)
                .satisfies(e -> assertThat(((DbBranchException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessageContaining("that role lacks CREATEROLE")
                .hasMessageContaining("ALTER ROLE \"" + adminRole + "\" CREATEROLE");
    }

    /** A postgres provider whose admin is a new login role with {@code attributes} and no more. */
    private PostgresProvider adminWith(String attributes) {
        TestPostgres.execute("postgres", "CREATE ROLE \"" + adminRole + "\" LOGIN " + attributes + " PASSWORD '" + PASSWORD + "'");
        LocalCluster cluster = TestPostgres.cluster();
        return new PostgresProvider(new PostgresConfig("127.0.0.1", cluster.start(), "postgres", adminRole, Secret.of(PASSWORD),
                "disable", Duration.ofSeconds(2), TestProviders.OWNER));
    }

    /** Whether the role of {@code database}'s name owns its table {@code table}. */
    private static boolean owns(String database, String table) {
        return TestPostgres.queryLong(database, "SELECT count(*) FROM pg_class WHERE relname = '" + table + "' "
                + "AND relowner = (SELECT oid FROM pg_roles WHERE rolname = '" + database + "')") == 1;
    }

    /** Runs statements as the branch's own login and returns the last one's first value, if it has one. */
    private static String sql(PostgresProvider provider, BranchInfo branch, String... statements) throws SQLException {
        String last = null;
        try (Connection session = login(provider, branch); Statement statement = session.createStatement()) {
            for (String each : statements) {
                if (statement.execute(each)) {
                    try (ResultSet result = statement.getResultSet()) {
                        last = result.next() ? result.getString(1) : null;
                    }
                }
            }
        }
        return last;
    }

    /** A session of the branch's own login. */
    private static Connection login(PostgresProvider provider, BranchInfo branch) throws SQLException {
        ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(10), Progress.SILENT);
        Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));
        Properties properties = new Properties();
        properties.setProperty("user", credential.user());
        properties.setProperty("password", credential.password().reveal());
        return PgJdbc.connect(connection.jdbcUrl(), properties);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not close a test session", e);
        }
    }
}
