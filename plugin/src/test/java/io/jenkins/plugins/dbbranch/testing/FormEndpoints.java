package io.jenkins.plugins.dbbranch.testing;

import java.net.URL;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jvnet.hudson.test.JenkinsRule;

/** Calls a descriptor's form endpoints ({@code doCheck…}, {@code doFill…}) as a configuration page does. */
public final class FormEndpoints {
    private FormEndpoints() {
    }

    /** POSTs {@code method} (with its query) to the descriptor of {@code owner} and returns the answer's text. */
    public static String post(JenkinsRule r, Class<?> owner, String method) throws Exception {
        JenkinsRule.WebClient client = r.createWebClient();
        WebRequest request = new WebRequest(new URL(r.getURL(), "descriptorByName/" + owner.getName() + "/" + method), HttpMethod.POST);
        return client.getPage(client.addCrumb(request)).getWebResponse().getContentAsString();
    }
}
