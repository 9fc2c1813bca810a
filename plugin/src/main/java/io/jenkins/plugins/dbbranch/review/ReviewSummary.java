package io.jenkins.plugins.dbbranch.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.dbbranch.engine.report.ReportJson;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.report.ReviewJunitXml;
import io.dbbranch.engine.review.report.ReviewMarkdown;
import io.jenkins.plugins.dbbranch.migration.MigrationSummary;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine review report as it travels from the agent that ran it and as the build shows it: the verdict, the findings
 * as rows, and the three renderings the engine makes (Markdown for people and pull requests, JSON for scripts, JUnit XML
 * for test views). Serializable; holds no secret.
 */
public final class ReviewSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final String verdict;
    private final ArrayList<FindingRow> findings;
    private final String markdown;
    private final String json;
    private final String junitXml;
    private final String failure;
    private final MigrationSummary migration;

    private ReviewSummary(String database, String verdict, List<FindingRow> findings, String markdown, String json,
                          String junitXml, String failure, MigrationSummary migration) {
        this.database = database;
        this.verdict = verdict;
        this.findings = new ArrayList<>(findings);
        this.markdown = markdown;
        this.json = json;
        this.junitXml = junitXml;
        this.failure = failure;
        this.migration = migration;
    }

    public static ReviewSummary of(ReviewReport report) {
        return new ReviewSummary(report.database(), report.verdict().name(),
                report.findings().stream().map(FindingRow::of).toList(), ReviewMarkdown.render(report), ReportJson.write(report),
                ReviewJunitXml.render(report), report.failure() == null ? null : report.failure().message(),
                report.migration() == null ? null : MigrationSummary.of(report.migration()));
    }

    /** The branch the migrations were reviewed on. */
    public String database() { return database; }
    /** {@code PASS}, {@code WARN} or {@code FAIL}. */
    public String verdict() { return verdict; }
    public List<FindingRow> findings() { return List.copyOf(findings); }
    public String markdown() { return markdown; }
    public String json() { return json; }
    public String junitXml() { return junitXml; }
    /** Why a migration failed, when one did; it makes the verdict {@code FAIL}. */
    @CheckForNull public String failure() { return failure; }
    /** What Flyway applied, when it got that far. */
    @CheckForNull public MigrationSummary migration() { return migration; }

    public boolean failed() { return "FAIL".equals(verdict); }
    public boolean warned() { return "WARN".equals(verdict); }

    /** One line for the console and the build page, e.g. {@code FAIL: 2 findings}. */
    public String headline() {
        return verdict + ": " + (findings.isEmpty() ? "no findings" : findings.size() + " finding(s)");
    }

    /** The report as Pipeline scripts read it: {@code review.verdict}, {@code review.migrations[0].findings}, … */
    public Map<String, Object> toMap() {
        try {
            return ReportJson.mapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The engine's review JSON could not be read back", e);
        }
    }
}
