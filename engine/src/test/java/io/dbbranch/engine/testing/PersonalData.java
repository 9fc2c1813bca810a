package io.dbbranch.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.data.masking.MaskingFile;
import io.dbbranch.engine.data.masking.MaskingRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The masking scenario's data, for every provider's test: 200 customers with e-mails, names, phones and birth dates, 400
 * orders with a foreign key to them, a newsletter list joined to customers by e-mail (half of them customers), and a
 * reference table of countries. Plus the promises a masked or schema-only branch keeps, checked against the parent.
 */
public final class PersonalData {
    public static final int CUSTOMERS = 200;
    public static final int ORDERS = 400;
    /** Newsletter subscribers who are customers too (matched by e-mail). */
    public static final int SUBSCRIBED_CUSTOMERS = 100;

    /** Creates the tables and rows, then {@code ANALYZE} (so statistics hold real values, as in production). */
    public static final String[] SCHEMA = {
            "CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO countries VALUES ('GB', 'United Kingdom'), ('FR', 'France'), ('DE', 'Germany')",
            "CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, full_name text NOT NULL, phone text, "
                    + "birth_date date, country text NOT NULL REFERENCES countries, zip text, description text)",
            "INSERT INTO customers (email, full_name, phone, birth_date, country, zip, description) "
                    + "SELECT 'person' || g || '@corp.example', 'Real Person ' || g, '+44 20 7946 ' || lpad(g::text, 4, '0'), "
                    + "date '1950-01-01' + g * 97, (ARRAY['GB', 'FR', 'DE'])[1 + g % 3], 'Z' || (1000 + g), 'customer since ' || (2000 + g % 20) "
                    + "FROM generate_series(1, " + CUSTOMERS + ") g",
            "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, amount numeric(10, 2) NOT NULL)",
            "INSERT INTO orders (customer_id, amount) SELECT 1 + g % " + CUSTOMERS + ", g * 1.25 FROM generate_series(1, " + ORDERS + ") g",
            "CREATE TABLE newsletter (email text PRIMARY KEY, subscribed_on date NOT NULL)",
            "INSERT INTO newsletter SELECT 'person' || (2 * g) || '@corp.example', date '2024-01-01' + g FROM generate_series(1, "
                    + SUBSCRIBED_CUSTOMERS + ") g",
            "INSERT INTO newsletter SELECT 'outsider' || g || '@other.example', date '2024-06-01' FROM generate_series(1, 20) g",
            "ANALYZE"
    };

    /** The short form, one line per column. */
    public static final String RULES_TEXT = """
            # personal columns of the shop
            customers.email: email
            customers.full_name: name
            customers.phone: partial 4   # keep the last digits for support calls
            customers.birth_date: dateShift 30
            customers.zip: shuffle
            newsletter.email: email
            allowUnmasked: countries.name
            """;

    /** Columns whose every value must differ from all of the parent's values of the same column. */
    public static final List<String> REWRITTEN = List.of("customers.email", "customers.full_name", "customers.phone",
            "customers.birth_date", "newsletter.email");

    private PersonalData() {
    }

    /** A new database on the shared test server holding the scenario's data; returns its name. */
    public static String parent() {
        String parent = TestProviders.uniqueName("shop");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + parent + "\"");
        TestPostgres.execute(parent, SCHEMA);
        return parent;
    }

    public static MaskingRules rules() {
        return MaskingFile.parse(RULES_TEXT, "masking.yml");
    }

    /** Every promise of a masked branch, checked on {@code branch} against {@code parent}. */
    public static void assertMasked(Connection parent, Connection branch) throws SQLException {
        for (String column : REWRITTEN) {
            Set<String> real = new HashSet<>(values(parent, column));
            List<String> masked = values(branch, column);
            assertThat(masked).as(column + " keeps its row count").hasSize(values(parent, column).size());
            assertThat(masked).as("no real value of " + column + " is left").noneMatch(real::contains);
        }
        assertThat(values(branch, "customers.email")).as("unique stays unique").doesNotHaveDuplicates()
                .allMatch(email -> email.endsWith("@example.invalid"));
        assertThat(single(branch, "SELECT count(*) FROM customers c JOIN newsletter n ON n.email = c.email"))
                .as("the newsletter still joins its customers by the masked e-mail").isEqualTo(String.valueOf(SUBSCRIBED_CUSTOMERS));
        assertThat(single(branch, "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"))
                .as("orders still reach their customers").isEqualTo(String.valueOf(ORDERS));
        assertThat(values(branch, "customers.zip")).as("a shuffled column keeps its values")
                .containsExactlyInAnyOrderElementsOf(values(parent, "customers.zip"));
        for (String unchanged : List.of("SELECT string_agg(id || ':' || country || ':' || description, ',' ORDER BY id) FROM customers",
                "SELECT string_agg(id || ':' || customer_id || ':' || amount, ',' ORDER BY id) FROM orders",
                "SELECT string_agg(code || name, ',' ORDER BY code) FROM countries")) {
            assertThat(single(branch, unchanged)).as("columns without rules are unchanged").isEqualTo(single(parent, unchanged));
        }
        assertThat(single(branch, "SELECT full_name || '|' || phone FROM customers WHERE id = 7"))
                .matches("[A-Z][a-z]+ [A-Z][a-z]+\\|\\*+0007");
    }

    /** No real e-mail in the statistics the branch's role may read. */
    public static void assertStatisticsHoldNoRealValue(Connection branch) throws SQLException {
        String statistics = single(branch, "SELECT coalesce(string_agg(coalesce(most_common_vals::text, '') "
                + "|| coalesce(histogram_bounds::text, ''), ' '), '') FROM pg_stats WHERE tablename IN ('customers', 'newsletter')");
        assertThat(statistics).doesNotContain("@corp.example").doesNotContain("Real Person");
    }

    /** The column's values, as text, in {@code table.column} form. */
    public static List<String> values(Connection connection, String tableColumn) throws SQLException {
        String[] parts = tableColumn.split("\\.");
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + parts[1] + "::text FROM " + parts[0])) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The single value a query returns, as text. */
    public static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
