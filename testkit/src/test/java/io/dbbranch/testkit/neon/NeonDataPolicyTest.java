package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.diff.SchemaDiff;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Schema-only branches made natively by Neon ({@code init_source}), and masked ones, on the emulator. */
class NeonDataPolicyTest {
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();

    @BeforeAll
    static void fillMainWithTheShop() throws Exception {
        testbed.emulator.postgres().adminExecute(testbed.mainDatabase(), PersonalData.SCHEMA);
    }

    @Test
    void aSchemaOnlyBranchIsMadeByNeonWithTheParentsSchemaAndNoRows(@TempDir Path secrets) throws Exception {
        try (NeonProvider provider = testbed.provider();
             BranchLease lease = BranchLease.open(provider, testbed.lease(secrets).data(BranchData.schemaOnly(List.of())).build(),
                     Progress.SILENT);
             Connection branch = DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"));
             Connection main = TestPostgres.cluster().connectAdmin(testbed.mainDatabase())) {

            assertThat(lease.data().method()).isEqualTo("native");
            assertThat(SchemaDiff.between(main, "main", branch, lease.branch().name()).changes()).isEmpty();
            for (String table : List.of("customers", "orders", "newsletter", "countries", "final_entities")) {
                assertThat(PersonalData.single(branch, "SELECT count(*) FROM " + table)).as(table).isEqualTo("0");
            }
            assertThat(PersonalData.single(main, "SELECT count(*) FROM customers")).isEqualTo(String.valueOf(PersonalData.CUSTOMERS));
        }
    }

    @Test
    void aMaskedBranchHoldsNoRealValue(@TempDir Path secrets) throws Exception {
        BranchData masked = BranchData.masked(PersonalData.rules().withAllowUnmasked(List.of(ColumnRef.parse("final_entities.name"))));
        try (NeonProvider provider = testbed.provider();
             BranchLease lease = BranchLease.open(provider, testbed.lease(secrets).data(masked).build(), Progress.SILENT);
             Connection branch = DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"));
             Connection main = TestPostgres.cluster().connectAdmin(testbed.mainDatabase())) {
            PersonalData.assertMasked(main, branch);
        }
    }
}
