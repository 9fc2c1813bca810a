package io.dbbranch.cli.options;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a moment: ISO-8601 with a zone ({@code 2025-05-01T12:00:00Z}, {@code 2025-05-01T14:00:00+02:00}), the same
 * with a space instead of the {@code T} (as {@code psql} prints {@code now()}), or without a zone, read in the
 * machine's time zone.
 */
public final class TimestampConverter implements ITypeConverter<Instant> {
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private final ZoneId zone;

    public TimestampConverter() {
        this(ZoneId.systemDefault());
    }

    TimestampConverter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Instant convert(String text) {
        String value = text.trim().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            var parsed = WITH_OFFSET.parse(value);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            return LocalDateTime.from(parsed).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a timestamp; write it as ISO-8601, e.g. "
                    + "2025-05-01T12:00:00Z or '2025-05-01 14:00:00+02'");
        }
    }
}
