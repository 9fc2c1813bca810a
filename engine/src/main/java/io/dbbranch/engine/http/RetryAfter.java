package io.dbbranch.engine.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header: either delta-seconds ({@code 120}) or an HTTP-date (RFC 9110). */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The wait the header asks for, measured from {@code now}; empty when the header is absent or unreadable
     * (then the caller backs off on its own). A date in the past means "now".
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** The HTTP-date form of {@code at}, as servers write it ({@code Tue, 3 Jun 2008 11:05:30 GMT}). */
    public static String format(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(java.time.ZoneOffset.UTC));
    }
}
