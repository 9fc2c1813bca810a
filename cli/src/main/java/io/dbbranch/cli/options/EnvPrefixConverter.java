package io.dbbranch.cli.options;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.LeaseEnvironment;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --env-prefix}: checked as the command line is read, so that a bad prefix fails before a branch is made. */
public final class EnvPrefixConverter implements ITypeConverter<String> {

    @Override
    public String convert(String text) {
        try {
            return LeaseEnvironment.requireValidPrefix(text.trim());
        } catch (DbBranchException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
