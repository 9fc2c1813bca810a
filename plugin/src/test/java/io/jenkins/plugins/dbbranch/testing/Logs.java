package io.jenkins.plugins.dbbranch.testing;

import hudson.model.Run;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvnet.hudson.test.JenkinsRule;

/** Reads values a test Pipeline printed as {@code key=value}. */
public final class Logs {
    private Logs() {
    }

    public static String value(Run<?, ?> run, String key) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(\\S+)$").matcher(JenkinsRule.getLog(run));
        if (!matcher.find()) {
            throw new AssertionError("the log of " + run + " has no line " + key + "=…:\n" + JenkinsRule.getLog(run));
        }
        return matcher.group(1);
    }
}
