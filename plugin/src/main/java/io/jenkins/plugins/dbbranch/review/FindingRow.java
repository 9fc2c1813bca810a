package io.jenkins.plugins.dbbranch.review;

import io.dbbranch.engine.review.Finding;
import io.jenkins.plugins.dbbranch.actions.DurationText;
import java.io.Serializable;
import java.util.Locale;

/** One finding of a review as the build page shows it: plain strings, so it travels from agents and saves in build.xml. */
public final class FindingRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String level;
    private final String rule;
    private final String script;
    private final String relation;
    private final String lockMode;
    private final Long heldMs;
    private final String message;
    private final String remedy;

    private FindingRow(String level, String rule, String script, String relation, String lockMode, Long heldMs, String message,
                       String remedy) {
        this.level = level;
        this.rule = rule;
        this.script = script;
        this.relation = relation;
        this.lockMode = lockMode;
        this.heldMs = heldMs;
        this.message = message;
        this.remedy = remedy;
    }

    static FindingRow of(Finding finding) {
        return new FindingRow(finding.level().name().toLowerCase(Locale.ROOT), finding.rule().key(), finding.script(),
                finding.relation(), finding.lockMode(), finding.heldMs(), finding.message(), finding.remedy());
    }

    public String getLevel() { return level; }
    public String getRule() { return rule; }
    public String getScript() { return script; }
    public String getRelation() { return relation; }
    public String getLockMode() { return lockMode; }
    public Long getHeldMs() { return heldMs; }
    public String getMessage() { return message; }
    public String getRemedy() { return remedy; }

    /** How long the lock was held, with its unit ({@code 87 ms}, {@code 2.4 sec}); empty when no lock was measured. */
    public String getHeld() {
        return heldMs == null ? "" : DurationText.of(heldMs);
    }
}
