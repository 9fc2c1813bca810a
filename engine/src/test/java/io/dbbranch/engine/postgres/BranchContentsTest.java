package io.dbbranch.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class BranchContentsTest {

    @Test
    void aBranchHoldsTheParentsDataAndItsWritesStayInTheBranch() throws Exception {
        String parent = TestProviders.parentWithEntities(32);
        try (BranchLease lease = BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER).build(),
                Progress.SILENT);
             Connection branch = DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"));
             Statement statement = branch.createStatement()) {

            try (ResultSet count = statement.executeQuery("SELECT count(*), sum(id) FROM final_entities")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(32);
                assertThat(count.getLong(2)).isEqualTo(32 * 33 / 2);
            }
            statement.execute("DELETE FROM final_entities WHERE id > 10");
            statement.execute("ALTER TABLE final_entities ADD COLUMN status text");

            assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM final_entities")).isEqualTo(32);
            assertThat(TestPostgres.queryLong(parent,
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'final_entities' AND column_name = 'status'"))
                    .isZero();
        }
    }

    @Test
    void theBranchRoleOwnsTheCopiedObjectsButHasNoRightsOnTheParentsTables() throws Exception {
        String parent = TestProviders.parentWithEntities(3);
        try (BranchLease lease = BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER).build(),
                Progress.SILENT)) {
            String branch = lease.branch().name();

            assertThat(TestPostgres.queryLong(branch,
                    "SELECT count(*) FROM pg_tables WHERE tablename = 'final_entities' AND tableowner = '" + branch + "'")).isEqualTo(1);
            assertThat(TestPostgres.queryLong(parent,
                    "SELECT count(*) FROM pg_class WHERE relname = 'final_entities' AND has_table_privilege('" + branch
                            + "', oid, 'SELECT')"))
                    .as("the branch role has no privileges on the parent's tables").isZero();
        }
    }
}
