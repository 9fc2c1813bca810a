package io.jenkins.plugins.dbbranch.actions;

import io.jenkins.plugins.dbbranch.review.FindingRow;
import java.util.ArrayList;
import java.util.List;

/**
 * One migration review of a build, as its page shows it: which step reviewed on which branch, the verdict, each finding
 * with what it would do in production and what to write instead, and where the full reports are in the workspace.
 */
public final class ReviewRecord {
    private final String step;
    private final String branch;
    private final String verdict;
    private final ArrayList<FindingRow> findings;
    private final String reports;

    /**
     * @param step     {@code withDbBranch}, {@code wrapper} or {@code migrateUpstream}
     * @param branch   the branch the migrations ran on under review
     * @param verdict  {@code PASS}, {@code WARN} or {@code FAIL}
     * @param findings what the review found
     * @param reports  the workspace folder and name stem of the Markdown, JSON and JUnit reports
     */
    public ReviewRecord(String step, String branch, String verdict, List<FindingRow> findings, String reports) {
        this.step = step;
        this.branch = branch;
        this.verdict = verdict;
        this.findings = new ArrayList<>(findings);
        this.reports = reports;
    }

    public String getStep() { return step; }
    public String getBranch() { return branch; }
    public String getVerdict() { return verdict; }
    public List<FindingRow> getFindings() { return List.copyOf(findings); }
    public String getReports() { return reports; }
}
