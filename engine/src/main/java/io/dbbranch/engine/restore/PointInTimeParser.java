package io.dbbranch.engine.restore;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a point in time as users write it:
 * <ul>
 *   <li>an RFC 3339 timestamp with its offset: {@code 2025-03-01T14:05:00Z}, {@code 2025-03-01 16:05:00.250+02:00};</li>
 *   <li>an LSN as PostgreSQL writes it: {@code 0/1A2B3C8};</li>
 *   <li>a time relative to now: {@code 10 minutes ago}, {@code 90s ago}, {@code 1h 30m ago};</li>
 *   <li>the name of a recorded restore point, looked up by a {@link RestorePointResolver}.</li>
 * </ul>
 * Anything else is refused with a message that shows these forms.
 */
public final class PointInTimeParser {
    private static final String FORMS = "Write an RFC 3339 timestamp with its offset (2025-03-01T14:05:00Z), an LSN (0/1A2B3C8), "
            + "a relative time (10 minutes ago, 90s ago) or the name of a recorded restore point";
    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final Pattern DATE_FIRST = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
    private static final Pattern RELATIVE = Pattern.compile("((?:\\d+\\s*[a-z]+\\s*)+)ago");
    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-z]+)");
    private static final Map<String, Duration> UNITS = Map.ofEntries(
            Map.entry("ms", Duration.ofMillis(1)),
            Map.entry("s", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)), Map.entry("secs", Duration.ofSeconds(1)),
            Map.entry("second", Duration.ofSeconds(1)), Map.entry("seconds", Duration.ofSeconds(1)),
            Map.entry("m", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)), Map.entry("mins", Duration.ofMinutes(1)),
            Map.entry("minute", Duration.ofMinutes(1)), Map.entry("minutes", Duration.ofMinutes(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("hr", Duration.ofHours(1)), Map.entry("hrs", Duration.ofHours(1)),
            Map.entry("hour", Duration.ofHours(1)), Map.entry("hours", Duration.ofHours(1)),
            Map.entry("d", Duration.ofDays(1)), Map.entry("day", Duration.ofDays(1)), Map.entry("days", Duration.ofDays(1)),
            Map.entry("w", Duration.ofDays(7)), Map.entry("week", Duration.ofDays(7)), Map.entry("weeks", Duration.ofDays(7)));

    private final Clock clock;
    private final RestorePointResolver resolver;

    /** A parser that reads relative times against {@code clock} and names through {@code resolver}. */
    public PointInTimeParser(Clock clock, RestorePointResolver resolver) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A parser on the system clock. */
    public PointInTimeParser(RestorePointResolver resolver) {
        this(Clock.systemUTC(), resolver);
    }

    /**
     * The point {@code text} names.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} saying what is wrong with it and showing the accepted forms
     */
    public PointInTime parse(String text) {
        String asked = "Restore to '" + text + "'";
        if (text == null || text.isBlank()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Restore to a point in time", "none was given", FORMS);
        }
        String trimmed = text.trim();
        if (LSN.matcher(trimmed).matches()) {
            return PointInTime.atLsn(trimmed);
        }
        if (DATE_FIRST.matcher(trimmed).matches()) {
            return PointInTime.at(timestamp(trimmed, asked));
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ago")) {
            return PointInTime.at(clock.instant().minus(relative(lower, asked)));
        }
        Optional<PointInTime> named = resolver.resolve(trimmed);
        return named.orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                "it is not a timestamp, an LSN, a relative time or the name of a recorded restore point", FORMS));
    }

    private static Instant timestamp(String text, String asked) {
        // RFC 3339 allows a space (and lowercase t and z) where ISO 8601 wants T and Z.
        String iso = text.toUpperCase(Locale.ROOT).replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) +", "$1T");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            if (parses(() -> LocalDateTime.parse(iso))) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the timestamp has no offset, so it could be any time zone",
                        "Add one: Z for UTC (" + iso + "Z) or the local offset such as +02:00");
            }
            if (parses(() -> LocalDate.parse(iso))) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "a date alone is not a moment",
                        "Add the time and offset, e.g. " + iso + "T00:00:00Z");
            }
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "it is not a valid RFC 3339 timestamp ("
                    + notWithOffset.getMessage() + ")", "Write it like 2025-03-01T14:05:00Z or 2025-03-01T16:05:00.250+02:00");
        }
    }

    private static Duration relative(String text, String asked) {
        Matcher whole = RELATIVE.matcher(text);
        if (!whole.matches()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "a relative time is amounts with units, then 'ago'",
                    "Write e.g. '10 minutes ago', '90s ago' or '1h 30m ago'");
        }
        Duration total = Duration.ZERO;
        Matcher amount = AMOUNT.matcher(whole.group(1));
        while (amount.find()) {
            Duration unit = UNITS.get(amount.group(2));
            if (unit == null) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "'" + amount.group(2) + "' is not a unit of time",
                        "Use ms, s, m, h, d or w (or their names: seconds, minutes, hours, days, weeks)");
            }
            try {
                total = total.plus(unit.multipliedBy(Long.parseLong(amount.group(1))));
            } catch (ArithmeticException | NumberFormatException e) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the amount is too large", "Use a smaller amount", e);
            }
        }
        return total;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
