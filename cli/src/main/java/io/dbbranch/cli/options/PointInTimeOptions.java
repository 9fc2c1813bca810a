package io.dbbranch.cli.options;

import io.dbbranch.engine.spi.PointInTime;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --at <timestamp>} or {@code --lsn <lsn>}: where in a parent's history to start. Use as an exclusive group. */
public final class PointInTimeOptions {
    @Option(names = "--at", paramLabel = "TIMESTAMP", converter = MomentConverter.class,
            description = "Start from the parent as it was at this moment: RFC 3339 with an offset "
                    + "(2025-05-01T12:00:00Z) or relative ('10 minutes ago').")
    PointInTime at;

    @Option(names = "--lsn", paramLabel = "LSN", converter = LsnConverter.class,
            description = "Start from the parent at this WAL position, e.g. 0/1A2B3C.")
    PointInTime lsn;

    /** The point chosen; the head when neither option was given. */
    public static PointInTime of(PointInTimeOptions options) {
        if (options == null) {
            return PointInTime.HEAD;
        }
        return options.at != null ? options.at : options.lsn != null ? options.lsn : PointInTime.HEAD;
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
