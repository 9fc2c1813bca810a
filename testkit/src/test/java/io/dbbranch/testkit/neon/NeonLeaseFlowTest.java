package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class NeonLeaseFlowTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @Test
    void aLeaseCreatesABranchLogsInAsItsOwnRoleAndTeardownDeletesBranchAndRole(@TempDir Path secrets) throws Exception {
        LeaseSpec spec = testbed.lease(secrets).build();
        String role;
        String database;
        try (NeonProvider provider = testbed.provider()) {
            try (BranchLease lease = BranchLease.open(provider, spec, Progress.SILENT)) {
                Map<String, String> env = lease.environment().variables();
                role = env.get("PGUSER");
                database = env.get("PGDATABASE");

                assertThat(lease.branch().id()).startsWith("br-");
                assertThat(database).isEqualTo(lease.branch().id());
                assertThat(role).isEqualTo("dbbranch_" + lease.branch().name().replace('-', '_'));
                assertThat(env.get("DB_BRANCH_PARENT")).isEqualTo("main");
                assertThat(testbed.emulator.roleNames(lease.branch().name())).containsExactly(role);
                try (Connection connection = DriverManager.getConnection(env.get("JDBC_DATABASE_URL"));
                     Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT count(*), current_user FROM final_entities")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(10);
                    assertThat(rows.getString(2)).isEqualTo(role);
                }
                assertThat(testbed.branchesBesideMain()).containsExactly(lease.branch().name());
            }
        }

        assertThat(testbed.branchesBesideMain()).isEmpty();
        assertThat(testbed.databaseExists(database)).isFalse();
        assertThat(testbed.loginRoleExists(role)).isFalse();
    }

    @Test
    void branchesCarryOurLabelsAndExpiryAndAreFoundAcrossPages() {
        try (NeonProvider provider = new NeonProvider(testbed.config().withPageSize(2))) {
            Instant expiry = Instant.now().plus(Duration.ofHours(1));
            for (int i = 1; i <= 5; i++) {
                provider.createBranch(NeonRequests.request("pages-" + i, expiry));
            }

            assertThat(provider.listBranches("pages-")).extracting(BranchInfo::name)
                    .containsExactlyInAnyOrder("pages-1", "pages-2", "pages-3", "pages-4", "pages-5");
            BranchInfo found = provider.findBranch("pages-3").orElseThrow();
            assertThat(found.labels().owner()).isEqualTo(NeonTestbed.OWNER);
            assertThat(found.labels().job()).isEqualTo("paging");
            assertThat(found.expiresAt()).isEqualTo(expiry.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(found.parent()).isEqualTo("main");

            Instant later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            provider.extendExpiry(found, later);
            assertThat(provider.findBranch("pages-3").orElseThrow().expiresAt()).isEqualTo(later);
            assertThat(provider.findBranch("pages-9")).isEmpty();

            provider.listBranches("pages-").forEach(provider::deleteBranch);
            assertThat(provider.listBranches("pages-")).isEmpty();
            assertThat(provider.deleteBranch(found)).isFalse();
        }
    }
}
