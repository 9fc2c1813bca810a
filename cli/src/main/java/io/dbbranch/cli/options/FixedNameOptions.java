package io.dbbranch.cli.options;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.OnExists;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --on-exists} and {@code --pull-request}: what to do when the branch's fixed name is taken, and the pull
 * request the branch belongs to (see docs/pull-request-branches.md).
 */
public final class FixedNameOptions {
    @Option(names = "--on-exists", paramLabel = "CHOICE", defaultValue = "fail", converter = OnExistsConverter.class,
            description = "When a branch of that name exists: fail (default), reuse (as it is, with its data), reset (back to "
                    + "the parent's current state) or recreate (delete it and branch again). Only a branch dbbranch made for "
                    + "this owner is ever reused, reset or recreated.")
    OnExists onExists;

    @Option(names = "--pull-request", paramLabel = "KEY",
            description = "The pull request the branch belongs to, e.g. pr:acme/shop#42 (any text up to 200 characters): "
                    + "recorded in its labels with --keep while-pr-open, so that 'dbbranch reap --closed-pull-requests KEY' "
                    + "deletes it.")
    String pullRequest;

    public OnExists onExists() {
        return onExists;
    }

    /** The key given, or {@code null}. */
    public String pullRequest() {
        return pullRequest;
    }

    /** Reads {@code fail}, {@code reuse}, {@code reset}, {@code recreate}. */
    public static final class OnExistsConverter implements ITypeConverter<OnExists> {
        @Override
        public OnExists convert(String text) {
            try {
                return OnExists.parse(text);
            } catch (DbBranchException e) {
                throw new TypeConversionException("'" + text + "' is not an --on-exists choice; use fail, reuse, reset or recreate");
            }
        }
    }
}
