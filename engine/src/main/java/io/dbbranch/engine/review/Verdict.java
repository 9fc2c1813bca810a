package io.dbbranch.engine.review;

import io.dbbranch.engine.review.policy.Level;
import java.util.Collection;

/** The review's outcome: the worst level among the findings, or {@code FAIL} when a migration itself failed. */
public enum Verdict {
    /** No finding: as far as the branch can tell, the migrations are safe to run on production. */
    PASS,
    /** Findings at level {@code warn} only. */
    WARN,
    /** A finding at level {@code fail}, or a migration failed. */
    FAIL;

    /** The verdict for these findings, with {@code migrationFailed} forcing {@code FAIL}. */
    public static Verdict of(Collection<Finding> findings, boolean migrationFailed) {
        if (migrationFailed || findings.stream().anyMatch(finding -> finding.level() == Level.FAIL)) {
            return FAIL;
        }
        return findings.stream().anyMatch(finding -> finding.level() == Level.WARN) ? WARN : PASS;
    }
}
