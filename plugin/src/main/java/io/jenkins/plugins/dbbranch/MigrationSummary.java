package io.jenkins.plugins.dbbranch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Flyway run did, carried back from the agent that ran it: the engine's report as a plain serializable value.
 * Steps print {@link #table()} and return {@link #toMap()}.
 */
public final class MigrationSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final String versionBefore;
    private final String versionAfter;
    private final ArrayList<LinkedHashMap<String, Object>> applied;
    private final long durationMillis;
    private final String summary;
    private final String table;

    /**
     * @param applied  one map per migration applied: {@code version}, {@code description}, {@code script},
     *                 {@code checksum}, {@code durationMillis}, {@code rowsAffected}
     * @param summary  one line, e.g. {@code ci-42: schema version 1 → 2, 1 migration applied in 0.2 s}
     * @param table    the summary line and a table of the migrations, for the console
     */
    public MigrationSummary(String database, String versionBefore, String versionAfter, List<Map<String, Object>> applied,
                            long durationMillis, String summary, String table) {
        this.database = database;
        this.versionBefore = versionBefore;
        this.versionAfter = versionAfter;
        this.applied = new ArrayList<>();
        applied.forEach(migration -> this.applied.add(new LinkedHashMap<>(migration)));
        this.durationMillis = durationMillis;
        this.summary = summary;
        this.table = table;
    }

    public String summary() {
        return summary;
    }

    public String table() {
        return table;
    }

    public int appliedCount() {
        return applied.size();
    }

    public long durationMillis() {
        return durationMillis;
    }

    /** The report as Pipeline scripts read it: {@code report.versionAfter}, {@code report.applied[0].script}, … */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("database", database);
        map.put("versionBefore", versionBefore);
        map.put("versionAfter", versionAfter);
        map.put("applied", new ArrayList<>(applied));
        map.put("appliedCount", applied.size());
        map.put("durationMillis", durationMillis);
        map.put("summary", summary);
        return map;
    }
}
