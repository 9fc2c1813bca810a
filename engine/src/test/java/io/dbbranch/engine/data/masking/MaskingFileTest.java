package io.dbbranch.engine.data.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.TableRef;
import org.junit.jupiter.api.Test;

class MaskingFileTest {

    @Test
    void theShortFormIsOneLinePerColumnWithCommentsAndOptionalSchema() {
        MaskingRules rules = MaskingFile.parse("""
                # the shop
                customers.email: email
                customers.phone: partial 4   # support reads the last digits
                billing.invoices.iban: hash

                customers.note: constant 'n/a # none'
                customers.born: dateShift 30
                """, "masking.yml");

        assertThat(rules.columns().keySet()).containsExactly(ColumnRef.parse("customers.email"), ColumnRef.parse("customers.phone"),
                ColumnRef.parse("billing.invoices.iban"), ColumnRef.parse("customers.note"), ColumnRef.parse("customers.born"));
        assertThat(rules.columns().values()).extracting(MaskingStrategy::toString)
                .containsExactly("email", "partial 4", "hash", "constant n/a # none", "dateShift 30");
        assertThat(rules.columns().get(ColumnRef.parse("customers.note")).argument()).isEqualTo("n/a # none");
    }

    @Test
    void theFullFormHasListsInlineOrAsItemsAndColumnsUnderAKey() {
        MaskingRules rules = MaskingFile.parse("""
                columns:
                  customers.email: email
                allowUnmasked:
                  - products.name
                  - sales.vendors.contact_name
                empty: [audit_log, sessions]
                keepData: countries, currencies
                """, "masking.yml");

        assertThat(rules.columns()).containsOnlyKeys(ColumnRef.parse("customers.email"));
        assertThat(rules.allowUnmasked()).containsExactly(ColumnRef.parse("products.name"), ColumnRef.parse("sales.vendors.contact_name"));
        assertThat(rules.empty()).containsExactly(TableRef.parse("audit_log"), TableRef.parse("sessions"));
        assertThat(rules.keepData()).containsExactly(TableRef.parse("countries"), TableRef.parse("currencies"));
    }

    @Test
    void everyErrorNamesItsLine() {
        assertError("customers.email: email\ncustomers.phone: scramble\n", "line 2: unknown strategy 'scramble'");
        assertError("customers.phone: partial\n", "line 1: partial needs a whole number from 1 up");
        assertError("\n\ncustomers.born: dateShift -3\n", "line 3: dateShift needs a whole number from 1 up, not '-3'");
        assertError("customers.email: hash 3\n", "line 1: hash takes no argument");
        assertError("customers.email: email\n# again\ncustomers.email: hash\n", "line 3: customers.email has a rule on line 1 already");
        assertError("  - products.name\n", "line 1: a list item ('- …') that belongs to no key");
        assertError("customers email\n", "line 1: 'customers email' has no ':'");
        assertError("allow: products.name\n", "line 1: unknown key 'allow'");
        assertError("a.b.c.d: hash\n", "line 1: Name the column 'a.b.c.d'");
        assertError("customers.email:\n", "line 1: no strategy for customers.email");
        assertError("allowUnmasked:\n  - a.b\n  - a..b\n", "line 3: Name a column 'a..b'");
        assertError("customers.note: constant 'open\n", "line 1: a quote ' is not closed");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> MaskingFile.parse(text, "db/masking.yml"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageStartingWith("Read the masking rules in db/masking.yml: ")
                .hasMessageContaining(message);
    }
}
