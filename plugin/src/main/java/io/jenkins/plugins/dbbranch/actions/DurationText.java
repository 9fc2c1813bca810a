package io.jenkins.plugins.dbbranch.actions;

import hudson.Util;

/**
 * A duration as the build page writes it: milliseconds below a second ({@code 87 ms}, where Jenkins would write
 * {@code 0.087 sec}), above that as Jenkins writes durations elsewhere ({@code 1.2 sec}, {@code 2 min 3 sec}).
 */
public final class DurationText {
    private DurationText() {
    }

    public static String of(long millis) {
        return millis < 1000 ? millis + " ms" : Util.getTimeSpanString(millis);
    }
}
