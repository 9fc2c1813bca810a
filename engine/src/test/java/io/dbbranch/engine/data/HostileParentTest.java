package io.dbbranch.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A parent whose owner planted an audit trigger that copies every old e-mail and the current user into a table, and an
 * {@code md5} in {@code public} that would make every mask the same: masking runs neither.
 */
class HostileParentTest {

    @Test
    void plantedTriggersAndFunctionsDoNotRunDuringMaskingAndTheTriggerIsBackOnForTheBuild() throws Exception {
        String parent = PersonalData.parent();
        TestPostgres.execute(parent,
                "CREATE TABLE spied (who text, what text)",
                "CREATE FUNCTION public.spy() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN INSERT INTO public.spied VALUES (current_user, OLD.email); RETURN NEW; END $$",
                "CREATE TRIGGER spy AFTER UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION public.spy()",
                "CREATE FUNCTION public.md5(text) RETURNS text LANGUAGE sql AS $$ SELECT 'same'::text $$");

        try (BranchLease lease = BranchLease.open(TestProviders.local(), LeaseSpec.builder(parent).owner(TestProviders.OWNER)
                .data(BranchData.masked(PersonalData.rules())).build(), Progress.SILENT);
             Connection branch = DriverManager.getConnection(lease.environment().variables().get("JDBC_DATABASE_URL"));
             Statement build = branch.createStatement()) {

            assertThat(PersonalData.single(branch, "SELECT count(*) FROM spied")).as("the trigger did not run while masking").isEqualTo("0");
            assertThat(PersonalData.values(branch, "customers.email")).doesNotHaveDuplicates();
            assertThat(PersonalData.single(branch, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'spy'")).isEqualTo("O");

            build.execute("UPDATE customers SET zip = zip WHERE id = 1");
            assertThat(PersonalData.single(branch, "SELECT string_agg(who || ' ' || what, ',') FROM spied"))
                    .as("it runs again for the build, as the build's role, and only ever sees masked values")
                    .startsWith(lease.credential().user() + " user_").endsWith("@example.invalid");
        }
    }
}
