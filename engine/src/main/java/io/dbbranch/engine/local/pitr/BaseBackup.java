package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.spi.PointInTime;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * One base backup: a copy of the data folder taken between {@code pg_backup_start} and {@code pg_backup_stop},
 * with the {@code backup_label} that tells a restored server where to start replaying WAL.
 *
 * <p>A restore can start from it for any point after {@code stoppedAt} (and {@code stopLsn}): only there is the
 * copy consistent.
 *
 * @param directory    its folder: {@code data/} and {@code backup.properties}
 * @param startLsn     where replay starts (the checkpoint's redo point)
 * @param startWalFile the WAL segment holding {@code startLsn}: the oldest segment a restore from it needs
 * @param stopLsn      where the copy becomes consistent
 * @param startedAt    when {@code pg_backup_start} was called
 * @param stoppedAt    when {@code pg_backup_stop} returned; every commit in the WAL before {@code stopLsn} is older
 */
public record BaseBackup(Path directory, String startLsn, String startWalFile, String stopLsn, Instant startedAt,
                         Instant stoppedAt) {
    static final String PROPERTIES = "backup.properties";

    public BaseBackup {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(startWalFile, "startWalFile");
        Objects.requireNonNull(stopLsn, "stopLsn");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }

    /** Its name, the folder's: the start time, so names sort like backups. */
    public String id() {
        return directory.getFileName().toString();
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Whether a restore to {@code point} can start from this backup. */
    public boolean precedes(PointInTime point) {
        if (point instanceof PointInTime.AtTime at) {
            return !stoppedAt.isAfter(at.time());
        }
        if (point instanceof PointInTime.AtLsn at) {
            return Long.compareUnsigned(new PointInTime.AtLsn(stopLsn).position(), at.position()) <= 0;
        }
        return false;
    }

    /** Writes {@code backup.properties}; its presence marks the backup complete. */
    void save() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("startLsn", startLsn);
        properties.setProperty("startWalFile", startWalFile);
        properties.setProperty("stopLsn", stopLsn);
        properties.setProperty("startedAt", startedAt.toString());
        properties.setProperty("stoppedAt", stoppedAt.toString());
        Path temporary = directory.resolve(PROPERTIES + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "dbbranch base backup");
        }
        Files.move(temporary, directory.resolve(PROPERTIES), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the backup in {@code directory}, which must have {@code backup.properties}. */
    static BaseBackup load(Path directory) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new BaseBackup(directory, properties.getProperty("startLsn"), properties.getProperty("startWalFile"),
                properties.getProperty("stopLsn"), Instant.parse(properties.getProperty("startedAt")),
                Instant.parse(properties.getProperty("stoppedAt")));
    }
}
