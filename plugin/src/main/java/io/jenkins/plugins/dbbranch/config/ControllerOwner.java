package io.jenkins.plugins.dbbranch.config;

import jenkins.model.Jenkins;

/**
 * The owner this controller writes into branch labels ({@code Labels.owner}): its root URL, so that two
 * controllers sharing a database platform never reap each other's branches. Before a root URL is configured,
 * the controller's instance id stands in for it.
 */
public final class ControllerOwner {
    private ControllerOwner() {
    }

    public static String get() {
        Jenkins jenkins = Jenkins.get();
        String url = jenkins.getRootUrl();
        return url != null ? url : "jenkins:" + jenkins.getLegacyInstanceId();
    }
}
