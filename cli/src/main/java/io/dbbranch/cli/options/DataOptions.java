package io.dbbranch.cli.options;

import io.dbbranch.cli.CliContext;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.DataPolicy;
import io.dbbranch.engine.data.TableRef;
import io.dbbranch.engine.data.masking.MaskingFile;
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
        return BranchData.of(policy, masking == null ? null : MaskingFile.read(context.resolve(masking)),
                keepData == null ? List.of() : keepData.stream().map(TableRef::parse).toList(),
                allowUnmasked == null ? List.of() : allowUnmasked.stream().map(ColumnRef::parse).toList());
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
