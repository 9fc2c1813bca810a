package io.jenkins.plugins.dbbranch.testing;

import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's masking scenario ({@link PersonalData}: customers with e-mails, names and phones, orders with a foreign
 * key to them, a newsletter, countries) as a parent for Jenkins builds, with its rules and its real personal values.
 */
public final class MaskingFixtures {
    /** The engine's rules for the scenario, one line per column, as a repository's {@code db/masking.yml} holds them. */
    public static final String RULES = PersonalData.RULES_TEXT;

    private MaskingFixtures() {
    }

    /** A new parent database holding the scenario's data. */
    public static String personalParent() {
        return PersonalData.parent();
    }

    /** Every real e-mail, name and phone of {@code parent}: none may reach a build's console or files. */
    public static List<String> personalValues(String parent) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestPostgres.cluster().connectAdmin(parent)) {
            for (String column : List.of("customers.email", "customers.full_name", "customers.phone", "newsletter.email")) {
                values.addAll(PersonalData.values(connection, column));
            }
        }
        return values;
    }

    /** A Pipeline step writing {@code rules} to {@code db/masking.yml} in the workspace, as a checkout would. */
    public static String writeRules(String rules) {
        return "writeFile file: 'db/masking.yml', text: '''" + rules + "'''";
    }
}
