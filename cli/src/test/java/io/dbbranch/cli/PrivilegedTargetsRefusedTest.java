package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * What the CLI refuses to do to the server itself: mint a credential for a role dbbranch did not make (the superuser's
 * password would become a 10-minute token), branch the maintenance database or a template, keep a branch longer than
 * a branch may live.
 */
class PrivilegedTargetsRefusedTest {

    @Test
    void credentialsForTheSuperuserAreRefusedAndItsPasswordStillWorks() throws Exception {
        CliResult refused = Cli.run(Cli.local(), "credentials", "postgres");

        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.error()).contains("'postgres' is not a login role dbbranch made for a branch");
        assertThat(refused.out()).doesNotContain("eyJ");
        try (Connection admin = TestPostgres.cluster().connectAdmin("postgres")) {
            assertThat(admin.isValid(2)).isTrue();
        }
    }

    @Test
    void theMaintenanceDatabaseIsNoParent() {
        String name = TestProviders.uniqueName("p2");

        CliResult refused = Cli.run(Cli.local(), "create", name, "--parent", "postgres");

        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.error()).contains("maintenance database or a template, which are never branched");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void aKeptBranchMayNotOutliveTheLongestBranchLifetime() {
        String parent = TestProviders.parentWithEntities(1);

        CliResult refused = Cli.run(Cli.local(), "run", "--parent", parent, "--keep", "always", "--keep-for", "999d", "--", "true");

        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.error()).contains("keepFor 999d").contains("at most 30d");
    }

    @Test
    void aBranchMayNotLiveLongerThanTheProviderKeepsOne() {
        String name = TestProviders.uniqueName("forever");

        CliResult refused = Cli.run(Cli.local(), "create", name, "--parent", TestProviders.parentWithEntities(1), "--ttl", "999d");

        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.error()).contains("with --ttl 999d").contains("at most 30d");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }
}
