package io.dbbranch.cli.options;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.restore.PointInTimeParser;
import io.dbbranch.engine.restore.RestorePointResolver;
import io.dbbranch.engine.spi.PointInTime;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --at}: a moment as the engine's {@link PointInTimeParser} reads it (an RFC 3339 timestamp with its
 * offset, or a relative time such as {@code 10 minutes ago}), so the CLI and the Jenkins steps accept the same forms.
 */
public final class MomentConverter implements ITypeConverter<PointInTime> {
    private final PointInTimeParser parser = new PointInTimeParser(RestorePointResolver.NONE);

    @Override
    public PointInTime convert(String text) {
        PointInTime point;
        try {
            point = parser.parse(text);
        } catch (DbBranchException e) {
            // The parser speaks of "Restore to '…'"; here only why and what to write are wanted.
            throw new TypeConversionException("'" + text + "': " + e.getMessage().replaceFirst("^Restore to .*?': ", ""));
        }
        if (!(point instanceof PointInTime.AtTime)) {
            throw new TypeConversionException("'" + text + "' is an LSN: give it with --lsn");
        }
        return point;
    }
}
