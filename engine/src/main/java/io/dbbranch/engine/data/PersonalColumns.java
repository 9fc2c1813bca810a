package io.dbbranch.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells which columns look personal, for the guard that stops a masked branch with personal columns left unruled.
 * A column looks personal when its comment contains {@code pii}, or when a word of its name does. Names are cut into
 * words at {@code _}, digits and lower-to-upper case changes ({@code clientIp} → {@code client}, {@code ip}), and a word
 * must match whole: {@code ip} matches {@code ip}, {@code ip_address}, {@code client_ip}, never {@code zip} or
 * {@code description}.
 *
 * <p>{@code name} is personal on its own ({@code name}) or after a word about people ({@code first_name},
 * {@code customer_name}), and not after a word about things ({@code table_name}, {@code product_name},
 * {@code file_name}): the first is the common case of a person's name, the second never is. A column called just
 * {@code name} is flagged, whatever the table: allow it ({@code allowUnmasked: products.name}) where it names things.
 */
final class PersonalColumns {
    /** Words that are personal wherever they stand in a column name. */
    private static final Set<String> WORDS = Set.of("email", "emails", "mail", "phone", "phones", "mobile", "telephone", "fax",
            "address", "street", "birth", "birthday", "birthdate", "dob", "ssn", "iban", "ip", "password", "passwd",
            "token", "passport", "surname", "firstname", "lastname", "fullname", "username", "emailaddress",
            "phonenumber", "ipaddress", "dateofbirth");
    /** Words before {@code name} that make it a thing's name, not a person's. */
    private static final Set<String> THING_NAMES = Set.of("table", "column", "schema", "file", "host", "product", "company",
            "brand", "project", "domain", "field", "class", "type", "event", "job", "queue", "key", "index", "database",
            "db", "server", "service", "app", "application", "role", "group", "team", "category", "tag", "model",
            "branch", "bucket", "object", "topic", "feature", "plan", "item", "city", "country");
    private static final Pattern WORD_BREAK = Pattern.compile("_+|[0-9]+|(?<=[a-z])(?=[A-Z])|-+|\\s+");

    private PersonalColumns() {
    }

    /** Why {@code column} looks personal, or {@code null} when it does not. */
    static String reason(String column, String comment) {
        if (comment != null && comment.toLowerCase(Locale.ROOT).contains("pii")) {
            return "its comment mentions pii";
        }
        List<String> words = words(column);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (WORDS.contains(word)) {
                return "its name contains '" + word + "'";
            }
            if (word.equals("name") && (i == 0 || !THING_NAMES.contains(words.get(i - 1)))) {
                return "its name contains 'name'";
            }
        }
        return null;
    }

    static List<String> words(String column) {
        List<String> words = new ArrayList<>();
        for (String word : WORD_BREAK.split(column)) {
            if (!word.isEmpty()) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }
}
