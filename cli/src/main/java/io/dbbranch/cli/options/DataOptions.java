package io.dbbranch.cli.options;

import io.dbbranch.cli.CliContext;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.DataPolicy;
import io.dbbranch.engine.data.TableRef;
import io.dbbranch.engine.data.masking.MaskingFile;
import io.dbbranch.engine.data.masking.MaskingRules;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --data full|schema-only|masked} and its companions: what data the new branch may hold. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "POLICY", defaultValue = "full", converter = PolicyConverter.class,
            description = "full (default), schema-only (no rows but --keep-data tables) or masked (personal columns rewritten "
                    + "by --masking rules) — applied before any credential is handed out.")
    DataPolicy policy;

    @Option(names = "--masking", paramLabel = "FILE",
            description = "The masking rules, one line per column (customers.email: email); see docs/data-safe-branches.md.")
    Path masking;

    @Option(names = "--keep-data", split = ",", paramLabel = "TABLE",
            description = "With --data schema-only: tables that keep their rows (reference data), e.g. countries,currencies.")
    List<String> keepData;

    @Option(names = "--allow-unmasked", split = ",", paramLabel = "COLUMN",
            description = "With --data masked: personal-looking columns that may stay as they are, e.g. products.name.")
    List<String> allowUnmasked;

    /** The policy asked for, with the masking file read (relative to the working folder). */
    public BranchData toBranchData(CliContext context) {
        List<TableRef> keep = keepData == null ? List.of() : keepData.stream().map(TableRef::parse).toList();
        List<ColumnRef> allowed = allowUnmasked == null ? List.of() : allowUnmasked.stream().map(ColumnRef::parse).toList();
        MaskingRules rules = masking == null ? MaskingRules.NONE : MaskingFile.read(context.resolve(masking));
        return switch (policy) {
            case FULL -> {
                refuse(masking != null || !keep.isEmpty() || !allowed.isEmpty(), "--masking, --keep-data and --allow-unmasked",
                        "Add --data masked or --data schema-only, or leave those options out");
                yield BranchData.full();
            }
            case SCHEMA_ONLY -> {
                refuse(!allowed.isEmpty(), "--allow-unmasked", "A schema-only branch has no rows to mask; leave it out");
                yield BranchData.schemaOnly(rules.withKeepData(keep).keepData());
            }
            case MASKED -> {
                refuse(masking == null, "--data masked without --masking", "Name the masking rules, e.g. --masking db/masking.yml");
                refuse(!keep.isEmpty(), "--keep-data", "A masked branch keeps every table; list tables to empty under empty: in the masking file");
                yield BranchData.masked(rules.withAllowUnmasked(allowed));
            }
        };
    }

    private void refuse(boolean wrong, String what, String remedy) {
        if (wrong) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Branch with --data " + policy,
                    what + " does not go with it", remedy);
        }
    }

    /** Reads {@code full}, {@code schema-only}, {@code masked}. */
    public static final class PolicyConverter implements ITypeConverter<DataPolicy> {
        @Override
        public DataPolicy convert(String text) {
            try {
                return DataPolicy.parse(text);
            } catch (DbBranchException e) {
                throw new TypeConversionException("'" + text + "' is not a data policy; use full, schema-only or masked");
            }
        }
    }
}
