package io.jenkins.plugins.dbbranch.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.DataPolicy;
import io.dbbranch.engine.data.TableRef;
import io.jenkins.plugins.dbbranch.steps.BranchFields;
import java.util.function.Function;

/**
 * The form checks and choices of {@code data}, {@code masking}, {@code keepData} and {@code allowUnmasked}, shared by
 * {@code withDbBranch} and the freestyle wrapper. Each checks that the user may configure the item first; values with
 * {@code ${…}} are left to the build. The masking file itself is read and checked when the build runs (it lives in the
 * build's workspace).
 */
public final class DataFields {
    private DataFields() {
    }

    /** {@code full} (the default, stored as nothing), {@code schema-only}, {@code masked}. */
    public static ListBoxModel policies(@CheckForNull Item item) {
        ListBoxModel model = new ListBoxModel();
        if (BranchFields.mayConfigure(item)) {
            model.add(Messages.DataFields_Full(), "");
            model.add(Messages.DataFields_SchemaOnly(), DataPolicy.SCHEMA_ONLY.text());
            model.add(Messages.DataFields_Masked(), DataPolicy.MASKED.text());
        }
        return model;
    }

    public static FormValidation checkData(@CheckForNull Item item, @CheckForNull String value) {
        return BranchFields.check(item, value, DataPolicy::parse);
    }

    /** The masking file: required for masked data, a path inside the workspace, meaningless for full data. */
    public static FormValidation checkMasking(@CheckForNull Item item, @CheckForNull String value, @CheckForNull String data) {
        String path = Util.fixEmptyAndTrim(value);
        DataPolicy policy = policyOrNull(data);
        if (!BranchFields.mayConfigure(item) || (path != null && path.contains("${"))) {
            return FormValidation.ok();
        }
        if (path == null) {
            return policy == DataPolicy.MASKED
                    ? FormValidation.error(Messages.DataFields_MaskingRequired())
                    : FormValidation.ok();
        }
        String outside = WorkspaceMaskingFile.outsideWorkspace(path);
        if (outside != null) {
            return FormValidation.error("'" + path + "' " + outside);
        }
        if (policy == DataPolicy.FULL) {
            return FormValidation.error(Messages.DataFields_MaskingWithFullData());
        }
        return FormValidation.ok();
    }

    /** Tables to keep: {@code table} or {@code schema.table}, comma separated; schema-only data only. */
    public static FormValidation checkKeepData(@CheckForNull Item item, @CheckForNull String value, @CheckForNull String data) {
        return checkList(item, value, data, DataPolicy.SCHEMA_ONLY, TableRef::parse,
                Messages.DataFields_KeepDataNotSchemaOnly());
    }

    /** Columns to leave unmasked: {@code table.column} or {@code schema.table.column}, comma separated; masked data only. */
    public static FormValidation checkAllowUnmasked(@CheckForNull Item item, @CheckForNull String value, @CheckForNull String data) {
        return checkList(item, value, data, DataPolicy.MASKED, ColumnRef::parse,
                Messages.DataFields_AllowUnmaskedNotMasked());
    }

    private static FormValidation checkList(@CheckForNull Item item, @CheckForNull String value, @CheckForNull String data,
                                            DataPolicy appliesTo, Function<String, ?> parser, String wrongPolicy) {
        DataPolicy policy = policyOrNull(data);
        if (Util.fixEmptyAndTrim(value) != null && policy != null && policy != appliesTo && BranchFields.mayConfigure(item)) {
            return FormValidation.error(wrongPolicy);
        }
        return BranchFields.check(item, value, text -> DataRequest.list(text, parser));
    }

    /** The policy chosen beside the field, or {@code null} when it is an expression or misspelt (its own check says so). */
    @CheckForNull
    private static DataPolicy policyOrNull(@CheckForNull String data) {
        String text = Util.fixEmptyAndTrim(data);
        if (text != null && text.contains("${")) {
            return null;
        }
        try {
            return DataRequest.policy(text);
        } catch (DbBranchException e) {
            return null;
        }
    }
}
