package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.OnExists;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.restore.Expectation;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import java.util.function.Function;
import jenkins.model.Jenkins;

/**
 * The form checks and choices shared by every step and the freestyle wrapper, so that a field means and checks the
 * same everywhere. Each one checks that the user may configure the item (or Jenkins) first.
 */
public final class BranchFields {
    private BranchFields() {
    }

    /** Whether the user may configure {@code item} (or, outside any item, Jenkins). */
    public static boolean mayConfigure(@CheckForNull Item item) {
        return item != null ? item.hasPermission(Item.CONFIGURE) : Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** The configured connections' names, with an empty choice for "the only one". */
    public static ListBoxModel connections(@CheckForNull Item item, @CheckForNull String current) {
        ListBoxModel model = new ListBoxModel();
        if (!mayConfigure(item)) {
            if (Util.fixEmptyAndTrim(current) != null) {
                model.add(current);
            }
            return model;
        }
        model.add(Messages.BranchFields_OnlyConnection(), "");
        for (DbConnection connection : DbBranchConfiguration.get().getConnections()) {
            model.add(connection.getName() + " — " + connection.getDescriptor().getDisplayName(), connection.getName());
        }
        return model;
    }

    public static ListBoxModel keepPolicies(@CheckForNull Item item) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            model.add(Messages.BranchFields_KeepNever(), "");
            for (KeepPolicy policy : KeepPolicy.values()) {
                model.add(policy.symbol(), policy.symbol());
            }
        }
        return model;
    }

    public static ListBoxModel onExistsChoices(@CheckForNull Item item) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            model.add("fail: refuse a name that is taken (default)", "");
            for (OnExists choice : OnExists.values()) {
                if (choice != OnExists.FAIL) {
                    model.add(choice.symbol(), choice.symbol());
                }
            }
        }
        return model;
    }

    public static FormValidation checkDuration(@CheckForNull Item item, String what, @CheckForNull String value) {
        return check(item, value, text -> DurationText.parse(what, text));
    }

    public static FormValidation checkKeep(@CheckForNull Item item, @CheckForNull String value) {
        return check(item, value, KeepPolicy::parse);
    }

    public static FormValidation checkExpect(@CheckForNull Item item, @CheckForNull String value) {
        return check(item, value, Expectation::parse);
    }

    public static FormValidation checkBranchName(@CheckForNull Item item, @CheckForNull String value) {
        return check(item, value, BranchName::validate);
    }

    /**
     * Checks a text field with the engine's own parser: fine when empty, an expression ({@code ${…}}) or not the user's
     * to configure; otherwise the parser's message as the error.
     */
    public static FormValidation check(@CheckForNull Item item, @CheckForNull String value, Function<String, ?> parser) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null || !mayConfigure(item) || text.contains("${")) {
            return FormValidation.ok();
        }
        try {
            parser.apply(text);
            return FormValidation.ok();
        } catch (DbBranchException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
