package io.jenkins.plugins.dbbranch.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbbranch.data.DataFields;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form endpoints of the {@link LeaseParameters}, shared by {@code withDbBranch}'s and the wrapper's descriptors. */
public interface LeaseForm extends BranchForm {
    @POST
    default ListBoxModel doFillKeepItems(@AncestorInPath Item item) {
        return BranchFields.keepPolicies(item);
    }

    @POST
    default FormValidation doCheckKeep(@AncestorInPath Item item, @QueryParameter String value) {
        return BranchFields.checkKeep(item, value);
    }

    @POST
    default ListBoxModel doFillOnExistsItems(@AncestorInPath Item item) {
        return BranchFields.onExistsChoices(item);
    }

    @POST
    default FormValidation doCheckTtl(@AncestorInPath Item item, @QueryParameter String value) {
        return BranchFields.checkDuration(item, "ttl", value);
    }

    @POST
    default FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
        return BranchFields.checkBranchName(item, value);
    }

    @POST
    default ListBoxModel doFillDataItems(@AncestorInPath Item item) {
        return DataFields.policies(item);
    }

    @POST
    default FormValidation doCheckData(@AncestorInPath Item item, @QueryParameter String value) {
        return DataFields.checkData(item, value);
    }

    @POST
    default FormValidation doCheckMasking(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String data) {
        return DataFields.checkMasking(item, value, data);
    }

    @POST
    default FormValidation doCheckKeepData(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String data) {
        return DataFields.checkKeepData(item, value, data);
    }

    @POST
    default FormValidation doCheckAllowUnmasked(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String data) {
        return DataFields.checkAllowUnmasked(item, value, data);
    }
}
