package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.RestorePoint;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A recovery branch: a whole cluster restored from the WAL archive to a past moment, of which one database is
 * the branch: the past state of {@code sourceDatabase}, renamed after the branch. The other databases come along
 * (a physical restore cannot pick one) but are not part of the branch.
 *
 * @param name           the branch name, also its folder's
 * @param sourceDatabase the database it is a past state of
 * @param requested      the point that was asked for
 * @param restorePoint   the point actually reached: the last commit replayed and the end of the last WAL record
 *                       replayed ({@code null} parts while {@link BranchState#CREATING}, or when no transaction
 *                       committed between the base backup and the target)
 * @param labels         ownership labels
 * @param createdAt      when the restore began
 * @param state          {@link BranchState#CREATING} while it recovers, {@link BranchState#READY} once promoted
 * @param connection     where it accepts connections (to the database named after the branch); {@code null} when
 *                       its server is not running (listing does not start servers)
 */
public record RecoveryBranch(String name, String sourceDatabase, PointInTime requested, RestorePoint restorePoint,
                             Labels labels, Instant createdAt, BranchState state, ConnectionDetails connection) {
    static final String PROPERTIES = "branch.properties";
    private static final String LABEL = "label.";

    public RecoveryBranch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceDatabase, "sourceDatabase");
        Objects.requireNonNull(requested, "requested");
        restorePoint = restorePoint == null ? new RestorePoint(null, null) : restorePoint;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
    }

    /** The branch as the provider SPI describes it. */
    public BranchInfo toBranchInfo() {
        return new BranchInfo(name, name, sourceDatabase, state, createdAt, labels == null ? null : labels.expiresAt(),
                labels, restorePoint);
    }

    RecoveryBranch with(RestorePoint reached, BranchState newState, ConnectionDetails where) {
        return new RecoveryBranch(name, sourceDatabase, requested, reached, labels, createdAt, newState, where);
    }

    RecoveryBranch withLabels(Labels newLabels) {
        return new RecoveryBranch(name, sourceDatabase, requested, restorePoint, newLabels, createdAt, state, connection);
    }

    RecoveryBranch withConnection(ConnectionDetails where) {
        return with(restorePoint, state, where);
    }

    /** Writes {@code branch.properties} into {@code folder}, atomically. */
    void save(Path folder) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("sourceDatabase", sourceDatabase);
        values.put("requested", requested instanceof PointInTime.AtLsn at ? "lsn:" + at.lsn() : "time:" + requested);
        putIfSet(values, "restoreTime", restorePoint.time());
        putIfSet(values, "restoreLsn", restorePoint.lsn());
        values.put("createdAt", createdAt.toString());
        values.put("state", state.name());
        if (labels != null) {
            labels.toMap().forEach((key, value) -> values.put(LABEL + key, value));
        }
        Properties properties = new Properties();
        properties.putAll(values);
        Path temporary = folder.resolve(PROPERTIES + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "dbbranch recovery branch");
        }
        Files.move(temporary, folder.resolve(PROPERTIES), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads the branch in {@code folder}, without connection details. */
    static RecoveryBranch load(Path folder) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(folder.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String requested = properties.getProperty("requested");
        PointInTime point = requested.startsWith("lsn:") ? PointInTime.atLsn(requested.substring(4))
                : PointInTime.at(Instant.parse(requested.substring(5)));
        String restoreTime = properties.getProperty("restoreTime");
        Map<String, String> labels = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(key -> key.startsWith(LABEL))
                .forEach(key -> labels.put(key.substring(LABEL.length()), properties.getProperty(key)));
        return new RecoveryBranch(properties.getProperty("name"), properties.getProperty("sourceDatabase"), point,
                new RestorePoint(restoreTime == null ? null : Instant.parse(restoreTime), properties.getProperty("restoreLsn")),
                Labels.fromMap(labels), Instant.parse(properties.getProperty("createdAt")),
                BranchState.valueOf(properties.getProperty("state")), null);
    }

    private static void putIfSet(Map<String, String> values, String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }
}
