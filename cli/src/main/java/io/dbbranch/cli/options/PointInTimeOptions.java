package io.dbbranch.cli.options;

import io.dbbranch.engine.spi.PointInTime;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --at <timestamp>} or {@code --lsn <lsn>}: where in a parent's history to start. Use as an exclusive group. */
public final class PointInTimeOptions {
    @Option(names = "--at", paramLabel = "TIMESTAMP", converter = TimestampConverter.class,
            description = "Start from the parent as it was at this moment (ISO-8601, e.g. 2025-05-01T12:00:00Z).")
    Instant at;

    @Option(names = "--lsn", paramLabel = "LSN", converter = LsnConverter.class,
            description = "Start from the parent at this WAL position, e.g. 0/1A2B3C.")
    PointInTime lsn;

    /** The point chosen; the head when neither option was given. */
    public static PointInTime of(PointInTimeOptions options) {
        if (options == null) {
            return PointInTime.HEAD;
        }
        return options.at != null ? PointInTime.at(options.at) : options.lsn != null ? options.lsn : PointInTime.HEAD;
    }

    /** Reads an LSN as PostgreSQL writes it. */
    public static final class LsnConverter implements ITypeConverter<PointInTime> {
        @Override
        public PointInTime convert(String text) {
            try {
                return PointInTime.atLsn(text.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
