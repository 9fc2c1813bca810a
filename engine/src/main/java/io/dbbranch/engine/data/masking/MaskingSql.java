package io.dbbranch.engine.data.masking;

import io.dbbranch.engine.postgres.SqlText;
import java.util.List;
import java.util.Set;

/**
 * The SQL expression of each strategy, for the {@code SET} list of one {@code UPDATE <table> AS m … FROM (SELECT ? AS
 * salt) AS k}. Every function is named with its schema ({@code pg_catalog.md5}); operators and casts resolve through
 * the session's pinned {@code search_path} ({@code pg_catalog, pg_temp}), so a function or operator planted in a user
 * schema cannot stand in for ours. A {@code NULL} stays {@code NULL} under every strategy but {@code constant}.
 *
 * <p>The digest is {@code md5(salt || value::text)} with a random salt per run, bound as a parameter and never logged:
 * the same value gets the same mask in every table of a run (joins hold), and nobody without the salt can test a
 * guessed value against a mask.
 */
public final class MaskingSql {
    private static final List<String> FIRST_NAMES = List.of("Alex", "Sam", "Robin", "Kim", "Jordan", "Casey", "Taylor", "Morgan",
            "Jamie", "Avery", "Riley", "Quinn", "Drew", "Sky", "Rowan", "Emery");
    private static final List<String> LAST_NAMES = List.of("Smith", "Garcia", "Muller", "Rossi", "Silva", "Novak", "Jensen", "Kowalski",
            "Martin", "Lee", "Nakamura", "Okafor", "Dubois", "Larsen", "Costa", "Horvat");
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    private MaskingSql() {
    }

    /**
     * The expression that masks {@code column} (quoted, of alias {@code m}) of SQL type {@code type} (as
     * {@code format_type} writes it) and type category {@code category}, or {@code null} when the strategy does not
     * apply to that type. {@code shuffled} is the expression holding the shuffled value, for {@code shuffle}.
     */
    public static String expression(MaskingStrategy strategy, String column, String type, char category, String shuffled) {
        String value = "m." + column;
        String digest = "pg_catalog.md5(k.salt || " + value + "::pg_catalog.text)";
        boolean text = category == 'S';
        return switch (strategy.kind()) {
            case HASH -> text ? "pg_catalog.substr(" + digest + ", 1, 24)"
                    : isInteger(type) ? "(" + number(digest, 1, type.equals("smallint") ? 3 : type.equals("integer") ? 7 : 15)
                    + ")::" + type : null;
            case EMAIL -> text ? "'user_' || pg_catalog.substr(" + digest + ", 1, 20) || '@example.invalid'" : null;
            case NAME -> text ? pick(FIRST_NAMES, digest, 0) + " || ' ' || " + pick(LAST_NAMES, digest, 1) : null;
            case PHONE -> text ? "'+1 555 ' || pg_catalog.lpad((" + number(digest, 1, 8) + " % 10000000)::pg_catalog.text, 7, '0')" : null;
            case NULL -> "NULL";
            case CONSTANT -> SqlText.literal(strategy.argument());
            case SHUFFLE -> shuffled;
            case DATE_SHIFT -> category == 'D' ? value + " + (CASE WHEN " + number(digest, 1, 1) + " % 2 = 0 THEN 1 ELSE -1 END * (1 + "
                    + number(digest, 2, 8) + " % " + strategy.count() + "))::pg_catalog.float8 * '1 day'::pg_catalog.interval" : null;
            case PARTIAL -> text ? partial(value, strategy.count()) : null;
        };
    }

    /** Which types a strategy applies to, for error messages. */
    public static String appliesTo(MaskingStrategy.Kind kind) {
        return switch (kind) {
            case HASH -> "text and integer columns";
            case EMAIL, NAME, PHONE, PARTIAL -> "text columns";
            case DATE_SHIFT -> "date and time columns";
            case NULL, CONSTANT, SHUFFLE -> "columns of any type";
        };
    }

    private static boolean isInteger(String type) {
        return INTEGER_TYPES.contains(type);
    }

    /** The non-negative number written by {@code hexDigits} hex digits of the digest from position {@code from}. */
    private static String number(String digest, int from, int hexDigits) {
        return "('x' || pg_catalog.substr(" + digest + ", " + from + ", " + hexDigits + "))::pg_catalog.bit(" + hexDigits * 4
                + ")::pg_catalog.int8";
    }

    private static String pick(List<String> names, String digest, int byteIndex) {
        StringBuilder array = new StringBuilder("(ARRAY[");
        for (int i = 0; i < names.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(SqlText.literal(names.get(i)));
        }
        return array.append("])[1 + pg_catalog.get_byte(pg_catalog.decode(").append(digest).append(", 'hex'), ").append(byteIndex)
                .append(") % ").append(names.size()).append("]").toString();
    }

    private static String partial(String value, int keep) {
        return "CASE WHEN pg_catalog.length(" + value + ") <= " + keep + " THEN pg_catalog.repeat('*', pg_catalog.length(" + value
                + ")) ELSE pg_catalog.repeat('*', pg_catalog.length(" + value + ") - " + keep + ") || pg_catalog.right(" + value
                + ", " + keep + ") END";
    }
}
