package io.dbbranch.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in build scripts and configuration: {@code 90s}, {@code 10m}, {@code 1h30m},
 * {@code 2d}, or ISO-8601 {@code PT1H}. One reader for every front end, so a TTL means the same everywhere.
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|d|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private DurationText() {
    }

    /**
     * Reads a positive duration.
     *
     * @param what what the duration is for, e.g. {@code "ttl"}, named in the message when the text is wrong
     * @throws DbBranchException {@code INVALID_REQUEST} when the text is not a positive duration
     */
    public static Duration parse(String what, String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        if (value.startsWith("p")) {
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(what, text);
            }
        } else if (WHOLE.matcher(value).matches()) {
            duration = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                duration = duration.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } else {
            throw invalid(what, text);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Set " + what, "'" + text + "' is not a positive duration",
                    "Write e.g. 30m or 2h");
        }
        return duration;
    }

    /** The shortest text that {@link #parse} reads back as {@code duration}, e.g. {@code 1h30m}. */
    public static String format(Duration duration) {
        if (duration.toMillisPart() != 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static DbBranchException invalid(String what, String text) {
        return DbBranchException.of(ErrorCode.INVALID_REQUEST, "Set " + what, "'" + text + "' is not a duration",
                "Write e.g. 90s, 10m, 1h30m or 2d");
    }
}
