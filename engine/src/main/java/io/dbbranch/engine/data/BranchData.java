package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.masking.MaskingRules;
import java.util.List;
import java.util.Objects;

/**
 * The data a lease's branch may hold, applied once the branch is ready and before the build's credential exists:
 * {@link DataPolicy#FULL} (everything, the default), {@link DataPolicy#SCHEMA_ONLY} (no rows but those of
 * {@link MaskingRules#keepData()}) or {@link DataPolicy#MASKED} (personal columns rewritten by {@code rules}).
 *
 * @param policy what the branch holds
 * @param rules  masking rules (for {@code MASKED}); the tables to keep (for {@code SCHEMA_ONLY}); {@link MaskingRules#NONE} otherwise
 */
public record BranchData(DataPolicy policy, MaskingRules rules) {
    private static final BranchData FULL = new BranchData(DataPolicy.FULL, MaskingRules.NONE);

    public BranchData {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(rules, "rules");
        if (policy == DataPolicy.FULL && !rules.equals(MaskingRules.NONE)) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Branch with all of the parent's data and masking rules",
                    "masking rules and kept tables apply to the masked and schema-only policies only",
                    "Choose data: masked (or schema-only), or leave the masking rules out");
        }
    }

    /** All of the parent's data: the default. */
    public static BranchData full() {
        return FULL;
    }

    /** The parent's schema, and the rows of {@code keepData} only. */
    public static BranchData schemaOnly(List<TableRef> keepData) {
        return new BranchData(DataPolicy.SCHEMA_ONLY, MaskingRules.NONE.withKeepData(keepData));
    }

    /** The parent's rows, masked by {@code rules}. */
    public static BranchData masked(MaskingRules rules) {
        return new BranchData(DataPolicy.MASKED, rules);
    }

    /**
     * The policy a front end was asked for, checked: {@code rules} (the masking file, or {@code null} when none was
     * named) are required for masked data; {@code keepData} apply to schema-only data only (added to the file's),
     * {@code allowUnmasked} to masked data only (added to the file's); full data takes none of them.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} naming the option that does not go with the policy
     */
    public static BranchData of(DataPolicy policy, MaskingRules rules, List<TableRef> keepData, List<ColumnRef> allowUnmasked) {
        MaskingRules file = rules == null ? MaskingRules.NONE : rules;
        return switch (policy) {
            case FULL -> {
                refuse(policy, rules != null || !keepData.isEmpty() || !allowUnmasked.isEmpty(),
                        "masking rules, keepData (--keep-data) and allowUnmasked (--allow-unmasked) apply to masked and schema-only data only",
                        "Ask for masked or schema-only data, or leave those out");
                yield full();
            }
            case SCHEMA_ONLY -> {
                refuse(policy, !allowUnmasked.isEmpty(), "allowUnmasked (--allow-unmasked) applies to masked data only", "A schema-only branch has no rows to mask; leave it out");
                yield schemaOnly(file.withKeepData(keepData).keepData());
            }
            case MASKED -> {
                refuse(policy, rules == null, "no masking rules were named", "Name the masking file, e.g. db/masking.yml (--masking)");
                refuse(policy, !keepData.isEmpty(), "keepData (--keep-data) applies to schema-only data only",
                        "A masked branch keeps every table; list tables to empty under empty: in the masking file");
                yield masked(file.withAllowUnmasked(allowUnmasked));
            }
        };
    }

    private static void refuse(DataPolicy policy, boolean wrong, String happened, String remedy) {
        if (wrong) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Branch with " + policy + " data", happened, remedy);
        }
    }

    /** Whether the branch keeps all of its parent's data (nothing to do after creating it). */
    public boolean isFull() {
        return policy == DataPolicy.FULL;
    }

    /**
     * Whether a provider that makes schema-only branches natively can make this one: schema-only with no table to keep
     * (native schema-only branches copy no rows at all).
     */
    public boolean suitsNativeSchemaOnly() {
        return policy == DataPolicy.SCHEMA_ONLY && rules.keepData().isEmpty();
    }
}
