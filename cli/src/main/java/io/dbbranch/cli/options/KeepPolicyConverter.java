package io.dbbranch.cli.options;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.KeepPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code never}, {@code on-failure}, {@code always} or {@code while-pr-open}. */
public final class KeepPolicyConverter implements ITypeConverter<KeepPolicy> {
    @Override
    public KeepPolicy convert(String text) {
        try {
            return KeepPolicy.parse(text);
        } catch (DbBranchException e) {
            throw new TypeConversionException("'" + text + "' is not a keep policy; use never, on-failure, always or while-pr-open");
        }
    }
}
