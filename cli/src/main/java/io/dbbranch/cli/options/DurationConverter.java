package io.dbbranch.cli.options;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, or ISO-8601 {@code PT1H}, as
 * the engine's {@link DurationText} reads them for every front end.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        try {
            return DurationText.parse("a duration", text);
        } catch (DbBranchException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
