package io.jenkins.plugins.dbbranch.config;

import hudson.Util;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;

/**
 * The owner this controller writes into branch labels ({@code Labels.owner}): its root URL, so that two
 * controllers sharing a database platform never reap each other's branches. Before a root URL is configured,
 * the controller's instance id stands in for it.
 *
 * <p>Only the configured URL counts: {@code Jenkins.getRootUrl()} falls back to the URL of the current HTTP request,
 * which would make a web page (the Database branches page) see another owner than the builds and the reaper.
 */
public final class ControllerOwner {
    private ControllerOwner() {
    }

    public static String get() {
        // As Jenkins.getRootUrl() outside a request, so that labels written before this change still match.
        String url = JenkinsLocationConfiguration.get().getUrl();
        return url != null ? Util.ensureEndsWith(url, "/") : "jenkins:" + Jenkins.get().getLegacyInstanceId();
    }
}
