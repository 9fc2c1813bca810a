package io.dbbranch.engine.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dbbranch.engine.migration.MigrationReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a migration review measured on a branch holding production's data, and its verdict under the policy.
 * Front ends print it with {@code ReviewMarkdown} (a pull-request comment) and {@code ReviewJunitXml} (CI test
 * results), and serialise it with {@link io.dbbranch.engine.report.ReportJson}; the JSON carries every field here.
 *
 * @param database             the branch reviewed
 * @param verdict              PASS, WARN or FAIL; never PASS when the observation was incomplete
 * @param migrations           every migration that ran (the failing one last), with its findings
 * @param failure              the migration failure, {@code null} when every migration applied
 * @param migration            Flyway's own report of the run (versions, checksums), partial after a failure
 * @param policy               the policy applied, as a policy file would write it
 * @param lockSampleIntervalMs how often the locks were sampled: lock times are accurate to about this much
 * @param complete             whether everything was observed: when not, the notes say what was missed, and a review
 *                             without findings says WARN rather than PASS
 * @param notes                what could not be observed (a failing observation never fails the migration)
 * @param scale                what the numbers mean for production: the data is real, its concurrent load is not
 */
public record ReviewReport(String database, Verdict verdict, List<ReviewedMigration> migrations, MigrationFailure failure,
                           MigrationReport migration, Map<String, String> policy, long lockSampleIntervalMs, boolean complete,
                           List<String> notes, String scale) {

    /** The honesty note every report carries. */
    public static final String SCALE_NOTE = "Measured on a branch holding production's data: sizes, row counts and "
            + "durations are real (on the branch's hardware); production's concurrent load is not simulated, so a lock "
            + "there would also wait for running transactions, and queries queue behind it for as long as it is held.";

    public ReviewReport {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(verdict, "verdict");
        migrations = List.copyOf(migrations);
        policy = Collections.unmodifiableMap(new LinkedHashMap<>(policy));
        notes = notes == null ? List.of() : List.copyOf(notes);
        scale = scale == null ? SCALE_NOTE : scale;
    }

    /** The same report with one more note (e.g. about the branch it ran on). */
    public ReviewReport withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(Objects.requireNonNull(note, "note"));
        return new ReviewReport(database, verdict, migrations, failure, migration, policy, lockSampleIntervalMs, complete, more, scale);
    }

    /** Every finding of every migration, in {@link Finding#ORDER} within migration order. */
    @JsonIgnore
    public List<Finding> findings() {
        return migrations.stream().flatMap(migration -> migration.findings().stream()).toList();
    }

    /** Whether the verdict lets the migrations through. */
    @JsonIgnore
    public boolean passes() {
        return verdict != Verdict.FAIL;
    }
}
