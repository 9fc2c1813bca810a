package io.dbbranch.engine.diff;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as {@code format_type} prints it, parsed far enough to tell whether changing it to another type keeps
 * every value: {@code varchar(20) → varchar(100)} widens, {@code bigint → integer} narrows.
 *
 * @param base      the type without modifiers ({@code character varying}, {@code timestamp with time zone})
 * @param precision the length or precision, {@code null} when unlimited
 * @param scale     the numeric scale, {@code null} when not given
 * @param array     whether it is an array of {@code base}
 */
record ColumnType(String base, Integer precision, Integer scale, boolean array) {
    private static final Pattern FORMAT = Pattern.compile(
            "^(?<name>[^(\\[]+?)(?:\\((?<p>\\d+)(?:,(?<s>\\d+))?\\))?(?<zone> with(?:out)? time zone)?(?<array>\\[\\])?$");
    /** Integer types by their decimal digits, for widening into numerics. */
    private static final Map<String, Integer> INTEGER_DIGITS = Map.of("smallint", 5, "integer", 10, "bigint", 19);
    private static final Map<String, Integer> RANK = Map.of("smallint", 1, "integer", 2, "bigint", 3);

    static ColumnType parse(String formatted) {
        Matcher match = FORMAT.matcher(formatted.trim());
        if (!match.matches()) {
            return new ColumnType(formatted.trim(), null, null, false);
        }
        String zone = match.group("zone") == null ? "" : match.group("zone");
        return new ColumnType(match.group("name").trim() + zone, number(match.group("p")), number(match.group("s")),
                match.group("array") != null);
    }

    /**
     * Why changing {@code from} to {@code to} can lose or reject values; empty when every value survives.
     */
    static Optional<String> narrowing(String from, String to) {
        ColumnType a = parse(from);
        ColumnType b = parse(to);
        if (a.array != b.array) {
            return Optional.of("changes between an array and a single value");
        }
        if (a.widensTo(b)) {
            return Optional.empty();
        }
        boolean sameFamily = a.base.equals(b.base) || (RANK.containsKey(a.base) && RANK.containsKey(b.base))
                || (a.isText() && b.isText()) || (a.base.startsWith("timestamp") && b.base.startsWith("timestamp"));
        return Optional.of(sameFamily ? "narrows the type: longer or larger values are cut or rejected"
                : "changes the type: values that do not convert are rejected or altered");
    }

    private boolean widensTo(ColumnType to) {
        if (base.equals(to.base)) {
            return switch (base) {
                case "numeric" -> to.precision == null || (precision != null && scaleOf(to) >= scaleOf(this)
                        && to.precision - scaleOf(to) >= precision - scaleOf(this));
                default -> to.precision == null || (precision != null && to.precision >= precision);
            };
        }
        if (RANK.containsKey(base) && RANK.containsKey(to.base)) {
            return RANK.get(to.base) >= RANK.get(base);
        }
        if (INTEGER_DIGITS.containsKey(base) && to.base.equals("numeric")) {
            return to.precision == null || to.precision - scaleOf(to) >= INTEGER_DIGITS.get(base);
        }
        if (isText() && (to.base.equals("text") || (to.base.equals("character varying") && to.precision == null))) {
            return true;
        }
        if (base.equals("character") && to.base.equals("character varying")) {
            return to.precision == null || (precision != null && to.precision >= precision);
        }
        if (base.equals("real") && to.base.equals("double precision")) {
            return true;
        }
        if (base.equals("timestamp without time zone") && to.base.equals("timestamp with time zone")) {
            return to.precision == null || (precision != null && to.precision >= precision);
        }
        return base.equals("date") && to.base.startsWith("timestamp");
    }

    private boolean isText() {
        return base.equals("text") || base.equals("character varying") || base.equals("character");
    }

    private static int scaleOf(ColumnType type) {
        return type.scale == null ? 0 : type.scale;
    }

    private static Integer number(String text) {
        return text == null ? null : Integer.valueOf(text);
    }
}
