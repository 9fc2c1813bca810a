package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.postgres.SqlText;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.RestorePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One point-in-time recovery: a base backup copied into a new cluster folder, started with {@code recovery.signal}
 * and a recovery target, replaying archived WAL until the target and then promoting itself to a normal server.
 *
 * <p>Both targets are exclusive ({@code recovery_target_inclusive = off}), matching {@link PointInTime}: to a
 * moment, every transaction committed before it and none at or after it; to an LSN, every WAL record that starts
 * before it. PostgreSQL stops exactly at that commit boundary.
 */
final class Recovery {
    /**
     * Where admin sessions of a restored cluster go: never the branch's database, which is renamed, and always
     * there, as template databases cannot be restored as branches.
     */
    static final String MAINTENANCE_DATABASE = "template1";
    /** What the setting's parser accepts (it refuses ISO 8601's {@code T…Z}). */
    private static final DateTimeFormatter TARGET_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);

    private final LocalCluster source;
    private final WalArchive archive;
    private final ClusterSettings settings;

    /**
     * @param settings the settings of the restored cluster once it is a normal server (no archiving)
     */
    Recovery(LocalCluster source, WalArchive archive, ClusterSettings settings) {
        this.source = source;
        this.archive = archive;
        this.settings = settings;
    }

    /**
     * Restores {@code backup} into {@code folder} (which exists and is empty but for metadata), recovers to
     * {@code target}, renames {@code database} to {@code branch} and returns the point reached. The restored server
     * is left running.
     */
    RestorePoint run(BaseBackup backup, Path folder, PointInTime target, String database, String branch, Duration timeout,
                     String asked) throws IOException, SQLException {
        Path password = folder.resolve("admin.password");
        // The backup holds the source's roles, so its superuser password is the source's.
        Files.copy(source.directory().resolve("admin.password"), password);
        DataFiles.copy(backup.dataDirectory(), folder.resolve("data"));
        Files.createFile(folder.resolve("data").resolve("recovery.signal"));
        LocalCluster recovering = new LocalCluster(folder, targetSettings(target));
        recovering.start();
        RestorePoint reached = awaitPromotion(recovering, timeout, asked);
        // Named after the branch, the database is one like any other branch's: its role, labels and logins work alike.
        try (Connection admin = recovering.connectPinned(MAINTENANCE_DATABASE); Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + SqlText.identifier(database) + " RENAME TO " + SqlText.identifier(branch));
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState())) {
                // The cluster as it was then has no such database: it was made after that moment.
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "database '" + database
                        + "' did not exist yet at " + target + " (it was created later)",
                        "Choose a moment after the database was created", e);
            }
            throw e;
        }
        return reached;
    }

    /** The cluster in {@code folder} once recovered: plain settings, so a restart never recovers again. */
    LocalCluster cluster(Path folder) {
        return new LocalCluster(folder, settings);
    }

    private ClusterSettings targetSettings(PointInTime target) {
        ClusterSettings recovering = archive.restoreFrom(settings)
                .with("recovery_target_inclusive", "off")
                .with("recovery_target_action", "'promote'")
                .with("recovery_target_timeline", "'current'");
        if (target instanceof PointInTime.AtTime at) {
            return recovering.with("recovery_target_time", "'" + TARGET_TIME.format(roundedUpToMicros(at.time())) + "'");
        }
        if (target instanceof PointInTime.AtLsn at) {
            return recovering.with("recovery_target_lsn", "'" + at.lsn() + "'");
        }
        throw new IllegalArgumentException("not a point in the past: " + target);
    }

    /**
     * PostgreSQL keeps microseconds. Commit times are whole microseconds, so "before T" is "before T rounded up":
     * truncating instead would also drop a commit in T's own microsecond but before T.
     */
    static Instant roundedUpToMicros(Instant time) {
        Instant truncated = time.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(time) ? time : truncated.plus(1, ChronoUnit.MICROS);
    }

    private static RestorePoint awaitPromotion(LocalCluster cluster, Duration timeout, String asked) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection admin = cluster.connectPinned(MAINTENANCE_DATABASE); Statement statement = admin.createStatement()) {
                while (inRecovery(statement)) {
                    checkDeadline(cluster, deadline, timeout, asked);
                    Pause.beforeNextPoll("a recovery");
                }
                // Both stay fixed at the last record replayed once recovery has ended.
                try (ResultSet reached = statement.executeQuery(
                        "SELECT pg_last_xact_replay_timestamp(), pg_last_wal_replay_lsn()")) {
                    reached.next();
                    Timestamp lastCommit = reached.getTimestamp(1);
                    return new RestorePoint(lastCommit == null ? null : lastCommit.toInstant(), reached.getString(2));
                }
            } catch (SQLException e) {
                if (cluster.runningPort().isEmpty()) {
                    throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked, "the restored server stopped during recovery",
                            "Its log says:\n" + cluster.logTail(15), e);
                }
                checkDeadline(cluster, deadline, timeout, asked);
                Pause.beforeNextPoll("a recovery");
            }
        }
    }

    private static boolean inRecovery(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static void checkDeadline(LocalCluster cluster, long deadline, Duration timeout, String asked) {
        if (System.nanoTime() > deadline) {
            throw DbBranchException.of(ErrorCode.TIMEOUT, asked, "recovery did not finish within " + timeout.toSeconds() + " s",
                    "Take base backups more often so less WAL must be replayed; server log:\n" + cluster.logTail(10));
        }
    }
}
