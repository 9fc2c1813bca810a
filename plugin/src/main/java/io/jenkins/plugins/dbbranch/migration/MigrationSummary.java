package io.jenkins.plugins.dbbranch.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dbbranch.engine.migration.MigrationReport;
import io.dbbranch.engine.migration.MigrationReportTable;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamReportText;
import io.dbbranch.engine.report.ReportJson;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An engine migration report as it travels and as steps show it: the engine's own JSON form (so Pipelines read the
 * same fields as the command line's {@code --json}), its text for the console, and a one-line summary for the build
 * page. Serializable, so that a report made on an agent comes back to the controller.
 */
public final class MigrationSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String json;
    private final String text;
    private final String summary;
    private final int appliedCount;
    private final long durationMillis;

    private MigrationSummary(String json, String text, String summary, int appliedCount, long durationMillis) {
        this.json = json;
        this.text = text;
        this.summary = summary;
        this.appliedCount = appliedCount;
        this.durationMillis = durationMillis;
    }

    /** What Flyway did to one database (a branch). */
    public static MigrationSummary of(MigrationReport report) {
        return new MigrationSummary(ReportJson.write(report), MigrationReportTable.render(report),
                MigrationReportTable.summary(report), report.applied().size(), report.duration().toMillis());
    }

    /** What {@code migrateUpstream} found and did to a parent. */
    public static MigrationSummary of(UpstreamReport report) {
        String outcome = report.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        MigrationReport applied = report.migration();
        return new MigrationSummary(ReportJson.write(report), UpstreamReportText.render(report),
                report.parent() + ": " + outcome + (applied != null ? "; " + MigrationReportTable.summary(applied) : ""),
                applied != null ? applied.applied().size() : 0, report.duration() != null ? report.duration().toMillis() : 0);
    }

    /** One line, e.g. {@code ci-42: schema version 1 → 2, 1 migration applied in 0.2 s}. */
    public String summary() {
        return summary;
    }

    /** The report as text for the console: the summary and a table of the migrations. */
    public String table() {
        return text;
    }

    public int appliedCount() {
        return appliedCount;
    }

    public long durationMillis() {
        return durationMillis;
    }

    /** The report as Pipeline scripts read it: {@code report.versionAfter}, {@code report.applied[0].script}, … */
    public Map<String, Object> toMap() {
        try {
            Map<String, Object> map = ReportJson.mapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
            map.put("summary", summary);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The engine's report JSON could not be read back", e);
        }
    }
}
