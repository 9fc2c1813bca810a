package io.jenkins.plugins.dbbranch.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form endpoints of the fields every branch-making descriptor has ({@code connection}, {@code expect}), written
 * once: Stapler finds a descriptor's {@code doFill…}/{@code doCheck…} methods on its interfaces too, so a descriptor
 * gets them by implementing this. Each checks the user's permission first (see {@link BranchFields}).
 */
public interface BranchForm {
    @POST
    default ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
        return BranchFields.connections(item, connection);
    }

    @POST
    default FormValidation doCheckExpect(@AncestorInPath Item item, @QueryParameter String value) {
        return BranchFields.checkExpect(item, value);
    }
}
