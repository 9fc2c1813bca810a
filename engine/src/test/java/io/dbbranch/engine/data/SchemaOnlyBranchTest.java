package io.dbbranch.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.diff.SchemaDiff;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A schema-only branch on the local provider (emptied on the branch, as every provider without a native one). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaOnlyBranchTest {
    private String parent;

    @BeforeAll
    void makeTheShop() {
        parent = PersonalData.parent();
        TestPostgres.execute(parent, "CREATE MATERIALIZED VIEW customer_emails AS SELECT email FROM customers",
                "CREATE SEQUENCE invoice_numbers START 1000", "SELECT nextval('invoice_numbers') FROM generate_series(1, 5)");
    }

    @Test
    void theBranchHasTheParentsSchemaNoRowsAndRestartedSequencesButKeepsReferenceTables() throws Exception {
        try (BranchLease lease = open(BranchData.schemaOnly(List.of(TableRef.parse("countries"))));
             Connection branch = DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"));
             Connection parentDb = TestPostgres.cluster().connectAdmin(parent)) {

            assertThat(SchemaDiff.between(parentDb, parent, branch, lease.branch().name()).changes()).isEmpty();
            for (String table : List.of("customers", "orders", "newsletter", "customer_emails")) {
                assertThat(PersonalData.single(branch, "SELECT count(*) FROM " + table)).as(table).isEqualTo("0");
            }
            assertThat(PersonalData.single(branch, "SELECT count(*) FROM countries")).isEqualTo("3");
            assertThat(PersonalData.single(branch, "SELECT nextval('customers_id_seq')")).isEqualTo("1");
            assertThat(PersonalData.single(branch, "SELECT nextval('invoice_numbers')")).isEqualTo("1000");
            assertThat(lease.data().warnings()).isEmpty();
            PersonalData.assertStatisticsHoldNoRealValue(branch);
            assertThat(lease.data().summary()).startsWith("schema only (3 tables emptied, 1 kept) in ");
            assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM customers")).as("the parent keeps its rows")
                    .isEqualTo(PersonalData.CUSTOMERS);
        }
    }

    @Test
    void aKeptTableThatReferencesAnEmptiedOneStopsTheLeaseInsteadOfBeingEmptied() {
        Assertions.assertThatThrownBy(() -> open(BranchData.schemaOnly(List.of(TableRef.parse("orders")))).close())
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("Empty the branch's tables but the kept ones")
                .hasMessageContaining("orders");
    }

    private BranchLease open(BranchData data) {
        return BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER).data(data).build(),
                Progress.SILENT);
    }
}
