package io.dbbranch.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.data.masking.MaskingFile;
import io.dbbranch.engine.data.masking.MaskingRules;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Rules that leave a personal column unruled, or do not fit the schema, stop the lease and leave no branch behind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskingRefusalsTest {
    private String parent;

    @BeforeAll
    void makeTheShop() {
        parent = PersonalData.parent();
    }

    @Test
    void thePersonalColumnGuardNamesEveryUnruledColumnAndTheBranchIsDeleted() {
        MaskingRules withoutPhone = rules(PersonalData.RULES_TEXT.replace("customers.phone: partial 4", ""));
        List<String> progress = new ArrayList<>();
        assertThatThrownBy(() -> BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER)
                .data(BranchData.masked(withoutPhone)).build(), progress::add))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("1 column(s) look personal and have no masking rule: public.customers.phone (its name contains 'phone')")
                .hasMessageContaining("allowUnmasked");
        String branch = progress.stream().filter(line -> line.startsWith("deleted branch ")).findFirst().orElseThrow().split(" ")[2];
        assertThat(TestProviders.databaseExists(branch)).isFalse();
        assertThat(progress).noneMatch(line -> line.contains("credential for"));
    }

    @Test
    void aColumnAllowedUnmaskedPassesTheGuardAndKeepsItsValues() throws Exception {
        MaskingRules allowed = rules(PersonalData.RULES_TEXT.replace("customers.phone: partial 4", ""))
                .withAllowUnmasked(List.of(ColumnRef.parse("customers.phone")));
        try (BranchLease lease = lease(allowed)) {
            assertThat(TestPostgres.queryLong(lease.branch().name(), "SELECT count(*) FROM customers WHERE phone LIKE '+44 20 7946 %'"))
                    .isEqualTo(PersonalData.CUSTOMERS);
        }
    }

    @Test
    void rulesThatDoNotFitTheSchemaAreAllReportedTogether() {
        MaskingRules misfits = rules(PersonalData.RULES_TEXT
                .replace("customers.email: email", "customers.email: name")
                .replace("customers.birth_date: dateShift 30", "customers.birth_date: partial 2")
                + "customers.fax: null\norders.customer_id: hash\ncustomers.id: null\n");
        assertThatThrownBy(() -> lease(misfits))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("public.customers.email is part of a unique key, and name can give two rows the same value")
                .hasMessageContaining("public.customers.birth_date is date, and partial applies to text columns")
                .hasMessageContaining("there is no column public.customers.fax")
                .hasMessageContaining("public.orders.customer_id is part of the foreign key orders_customer_id_fkey (not deferrable)")
                .hasMessageContaining("public.customers.id is NOT NULL, so null cannot mask it");
    }

    @Test
    void aMaskThatBreaksAConstraintFailsWithoutQuotingTheRowItFailedOn() {
        String checked = PersonalData.parent();
        TestPostgres.execute(checked, "ALTER TABLE customers ADD CONSTRAINT corporate_mail CHECK (email LIKE '%@corp.example')");
        assertThatThrownBy(() -> BranchLease.open(TestProviders.local(), LeaseSpec.builder(checked).owner(TestProviders.OWNER)
                .data(BranchData.masked(rules(PersonalData.RULES_TEXT))).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("violates check constraint \"corporate_mail\"")
                .as("PostgreSQL's detail would quote the failing row, real values of unruled columns included")
                .hasMessageNotContaining("Failing row").hasMessageNotContaining("customer since");
    }

    private static MaskingRules rules(String text) {
        return MaskingFile.parse(text, "masking.yml");
    }

    private BranchLease lease(MaskingRules rules) {
        return BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER)
                .data(BranchData.masked(rules)).build(), Progress.SILENT);
    }
}
