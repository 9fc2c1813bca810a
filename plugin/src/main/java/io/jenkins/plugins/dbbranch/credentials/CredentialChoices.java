package io.jenkins.plugins.dbbranch.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials drop-downs of the connection forms. Connections are global configuration, so only administrators
 * see the global credentials; anyone else sees just the current value, so that saving a form keeps it.
 */
public final class CredentialChoices {
    private CredentialChoices() {
    }

    public static ListBoxModel usernamePassword(String current) {
        return of(List.of(StandardUsernamePasswordCredentials.class), current);
    }

    public static ListBoxModel secretText(String current) {
        return of(List.of(StringCredentials.class), current);
    }

    public static ListBoxModel of(List<Class<? extends IdCredentials>> types, String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        String value = Util.fixNull(current);
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            model.includeCurrentValue(value);
            return model;
        }
        model.includeEmptyValue();
        for (Class<? extends IdCredentials> type : types) {
            if (StandardCredentials.class.isAssignableFrom(type)) {
                model.includeAs(ACL.SYSTEM2, Jenkins.get(), type.asSubclass(StandardCredentials.class));
            }
        }
        model.includeCurrentValue(value);
        return model;
    }
}
