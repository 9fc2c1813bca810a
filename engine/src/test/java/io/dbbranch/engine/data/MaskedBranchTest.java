package io.dbbranch.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.data.BranchDataResult.Action;
import io.dbbranch.engine.data.BranchDataResult.TableOutcome;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A masked branch of the shop's data on the local provider: one lease for the class, each promise a test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskedBranchTest {
    private final List<String> progress = new ArrayList<>();
    private String parent;
    private BranchLease lease;

    @BeforeAll
    void leaseAMaskedBranch() {
        parent = PersonalData.parent();
        lease = BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER)
                .data(BranchData.masked(PersonalData.rules())).build(), progress::add);
    }

    @AfterAll
    void tearDown() {
        if (lease != null) {
            lease.close();
        }
    }

    @Test
    void noRealValueOfAMaskedColumnIsLeftAndKeysJoinsAndOtherColumnsHold() throws Exception {
        try (Connection parentDb = TestPostgres.cluster().connectAdmin(parent); Connection branch = build()) {
            PersonalData.assertMasked(parentDb, branch);
        }
    }

    @Test
    void theBuildsRoleFindsNoRealValueInTheStatistics() throws Exception {
        try (Connection branch = build()) {
            PersonalData.assertStatisticsHoldNoRealValue(branch);
        }
    }

    @Test
    void theParentKeepsItsRealValues() throws Exception {
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM customers WHERE email LIKE '%@corp.example'"))
                .isEqualTo(PersonalData.CUSTOMERS);
    }

    @Test
    void theResultSaysWhatWasMaskedPerTable() {
        BranchDataResult result = lease.data();
        assertThat(result.policy()).isEqualTo(DataPolicy.MASKED);
        assertThat(result.tables()).extracting(TableOutcome::table, TableOutcome::action, TableOutcome::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple("public.customers", Action.MASKED, (long) PersonalData.CUSTOMERS),
                org.assertj.core.groups.Tuple.tuple("public.newsletter", Action.MASKED, 120L));
        assertThat(result.tables().get(0).columns()).contains("email: email", "phone: partial 4", "zip: shuffle");
        assertThat(result.summary()).startsWith("masked: 2 tables, 6 columns, 320 rows in ");
        assertThat(lease.timings()).containsKey("data");
        assertThat(progress).anyMatch(line -> line.startsWith("masked 200 rows of public.customers (5 columns)"));
    }

    private Connection build() throws Exception {
        return DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"));
    }
}
