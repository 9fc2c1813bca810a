package io.dbbranch.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RootDatabaseTest {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(1));

    @Test
    void aRootIsAnEmptyDatabaseOfItsOwnRoleThatOnlyItsRoleMayEnter() throws Exception {
        String name = TestProviders.uniqueName("root");

        BranchInfo root = provider.createRoot(name, new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null));

        assertThat(root.parent()).isNull();
        assertThat(root.expiresAt()).isNull();
        assertThat(root.labels().owner()).isEqualTo(TestProviders.OWNER);
        assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isZero();
        assertThat(TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + name
                + "' AND has_database_privilege('public', oid, 'CONNECT')")).isZero();
        Credential credential = provider.mintCredential(root, provider.awaitReady(root, Duration.ofSeconds(5), m -> { }),
                Duration.ofMinutes(1));
        try (Connection session = DriverManager.getConnection(provider.adminDetails(name).jdbcUrl(), credential.user(),
                credential.password().reveal())) {
            session.createStatement().execute("CREATE TABLE items (id int)");
        }
        assertThat(provider.deleteBranch(root)).isTrue();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }

    @Test
    void theListingShowsRootsButNotTheMaintenanceDatabase() {
        String name = TestProviders.uniqueName("listed-root");
        provider.createRoot(name, new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null));
        try {
            assertThat(provider.listBranches("")).extracting(BranchInfo::name).contains(name)
                    .doesNotContain("postgres", "template0", "template1");
        } finally {
            provider.deleteBranch(provider.findBranch(name).orElseThrow());
        }
    }

    @Test
    void aTakenNameIsRefused() {
        String parent = TestProviders.parentWithEntities(1);

        assertThatThrownBy(() -> provider.createRoot(parent, new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null)))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }
}
