package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --data masked|schema-only} on {@code run} and {@code create}. */
class DataPolicyCliTest {
    private static String shop;

    @BeforeAll
    static void makeTheShop() {
        shop = PersonalData.parent();
    }

    @Test
    void runWithMaskedDataHandsTheCommandABranchWithoutRealValues(@TempDir Path folder) throws Exception {
        Path rules = Files.writeString(folder.resolve("masking.yml"), PersonalData.RULES_TEXT);
        String name = TestProviders.uniqueName("masked");

        CliResult run = Cli.run(Cli.local(), "run", "--parent", shop, "--name", name, "--keep", "always",
                "--data", "masked", "--masking", rules.toString(), "--", "sh", "-c", "echo command ran");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).contains("branch " + name + ": masked: 2 tables, 6 columns, 320 rows in ")
                .contains("public.customers: masked 200 rows (email: email, full_name: name, phone: partial 4, birth_date: dateShift 30, zip: shuffle)");
        assertThat(run.err().indexOf("masked: 2 tables")).as("masked before the credential was minted")
                .isLessThan(run.err().indexOf("credential for"));
        assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM customers WHERE email LIKE '%@corp.example'")).isZero();
        assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM customers WHERE email LIKE 'user\\_%@example.invalid'"))
                .isEqualTo(PersonalData.CUSTOMERS);
        assertThat(Cli.run(Cli.local(), "delete", name).exit()).isZero();
    }

    @Test
    void createSchemaOnlyKeepsOnlyTheNamedTablesAndReportsItInJson() {
        String name = TestProviders.uniqueName("schema-only");

        CliResult created = Cli.run(Cli.local(), "create", name, "--parent", shop, "--data", "schema-only", "--keep-data", "countries",
                "--json");

        assertThat(created.exit()).as(created.toString()).isZero();
        JsonNode data = created.json().get("data");
        assertThat(data.get("policy").asText()).isEqualTo("schema-only");
        assertThat(data.get("method").asText()).isEqualTo("truncate");
        assertThat(data.get("tables").findValuesAsText("action")).containsExactly("KEPT", "EMPTIED", "EMPTIED", "EMPTIED");
        assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM customers")).isZero();
        assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM countries")).isEqualTo(3);
        assertThat(Cli.run(Cli.local(), "delete", name).exit()).isZero();
    }

    @Test
    void aMaskingFileErrorNamesItsLineAndNothingIsCreated(@TempDir Path folder) throws Exception {
        Path rules = Files.writeString(folder.resolve("masking.yml"), "customers.email: email\ncustomers.phone: partial four\n");
        String name = TestProviders.uniqueName("bad-rules");

        CliResult run = Cli.run(Cli.local(), "create", name, "--parent", shop, "--data", "masked", "--masking", rules.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.error()).contains("masking.yml: line 2: partial needs a whole number from 1 up, not 'four'");
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(Cli.run(Cli.local(), "run", "--parent", shop, "--data", "masked", "--", "true").error())
                .contains("Branch with masked data: no masking rules were named. Name the masking file, e.g. db/masking.yml (--masking)");
    }
}
