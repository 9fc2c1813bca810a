package io.dbbranch.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The promise: a credential is minted only for a login role dbbranch made for a branch. Minting replaces the role's
 * password, so for any other role (the superuser, an application's owner) it would lock the owner out and hand out a
 * token for a role that can do far more than open one branch.
 */
class CredentialsOnlyForBranchRolesTest {
    private final LocalProvider provider = TestProviders.local();

    @Test
    void theSuperuserGetsNoCredentialAndKeepsItsPassword() throws Exception {
        BranchInfo maintenance = provider.findBranch("postgres").orElseThrow();

        assertThatThrownBy(() -> provider.mintCredential(maintenance,
                provider.awaitReady(maintenance, Duration.ofSeconds(10), Progress.SILENT), Duration.ofMinutes(10)))
                .isInstanceOf(DbBranchException.class)
                .satisfies(e -> assertThat(((DbBranchException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessageContaining("'postgres' is not a login role dbbranch made for a branch");
        try (Connection admin = TestPostgres.cluster().connectAdmin("postgres")) {
            assertThat(admin.isValid(2)).as("the admin password still works").isTrue();
        }
    }

    @Test
    void aDatabaseAndRoleSomeoneElseMadeGetNoCredential() {
        String app = TestProviders.uniqueName("app");
        TestPostgres.execute("postgres", "CREATE ROLE \"" + app + "\" LOGIN PASSWORD 'kept'",
                "CREATE DATABASE \"" + app + "\" OWNER \"" + app + "\"");
        BranchInfo database = provider.findBranch(app).orElseThrow();

        assertThatThrownBy(() -> provider.mintCredential(database,
                provider.awaitReady(database, Duration.ofSeconds(10), Progress.SILENT), Duration.ofMinutes(10)))
                .hasMessageContaining("is not a login role dbbranch made for a branch");
        assertThat(TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = '" + app
                + "' AND rolvaliduntil IS NULL")).as("its password was not replaced by an expiring one").isEqualTo(1);
    }

    @Test
    void aBranchRoleSomeoneMadePrivilegedIsNoLongerOurs() {
        String root = TestProviders.uniqueName("promoted");
        BranchInfo made = provider.createRoot(root, new Labels(TestProviders.OWNER, null, null, null,
                Instant.now(), null));
        try {
            TestPostgres.execute("postgres", "ALTER ROLE \"" + root + "\" CREATEROLE");

            assertThatThrownBy(() -> provider.mintCredential(made,
                    provider.awaitReady(made, Duration.ofSeconds(10), Progress.SILENT), Duration.ofMinutes(10)))
                    .hasMessageContaining("no superuser, CREATEDB, CREATEROLE");
        } finally {
            TestPostgres.execute("postgres", "ALTER ROLE \"" + root + "\" NOCREATEROLE");
            provider.deleteBranch(made);
        }
    }
}
