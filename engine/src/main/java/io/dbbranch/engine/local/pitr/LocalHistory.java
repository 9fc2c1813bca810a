package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.spi.HistoryWindow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The restorable history of a local cluster, in one folder: {@code wal/} (the WAL archive), {@code base/} (base
 * backups) and {@code recovery/} (the recovery branches restored from them).
 *
 * <p>Usage: start the cluster with {@link #archiving(ClusterSettings, Path)}, then {@link #takeBaseBackup()} once
 * it is created (history starts there) and {@link #takeBaseBackupIfDue()} now and then; restore with
 * {@link #recoveries()}.
 */
public final class LocalHistory {
    private final LocalCluster source;
    private final PitrSettings pitr;
    private final WalArchive archive;
    private final BaseBackups backups;
    private final RecoveryClusters recoveries;

    /**
     * @param source    the cluster, started with {@link #archiving(ClusterSettings, Path) archiving} into {@code directory}
     * @param directory the history's folder
     * @param settings  the source's settings without archiving, used for recovery clusters
     * @param pitr      how much history to keep
     */
    public LocalHistory(LocalCluster source, Path directory, ClusterSettings settings, PitrSettings pitr) {
        this.source = source;
        this.pitr = pitr;
        this.archive = archive(directory);
        this.backups = new BaseBackups(directory.resolve("base"));
        this.recoveries = new RecoveryClusters(source, archive, backups, directory.resolve("recovery"), settings);
    }

    /** {@code settings} plus WAL archiving into the history folder {@code directory}. */
    public static ClusterSettings archiving(ClusterSettings settings, Path directory) {
        return archive(directory).enableOn(settings);
    }

    /** Takes a base backup now, then prunes backups and WAL that the history window no longer needs. */
    public BaseBackup takeBaseBackup() {
        BaseBackup backup = backups.take(source);
        prune();
        return backup;
    }

    /** Takes a base backup if none is younger than the backup interval; returns it if one was taken. */
    public Optional<BaseBackup> takeBaseBackupIfDue() {
        return backups.isDue(pitr, Instant.now()) ? Optional.of(takeBaseBackup()) : Optional.empty();
    }

    /** Deletes the base backups and archived WAL older than the history window needs. */
    public void prune() {
        List<BaseBackup> kept = backups.prune(pitr, Instant.now());
        if (!kept.isEmpty()) {
            archive.pruneBefore(kept.get(0).startWalFile());
        }
    }

    /** Whether the cluster archives its WAL (one started by an older dbbranch does not until it restarts). */
    public boolean isArchiving() {
        try (Connection admin = source.connectPinned("postgres")) {
            return WalArchive.isEnabled(admin);
        } catch (SQLException e) {
            throw DbBranchException.of(ErrorCode.UNAVAILABLE, "Check WAL archiving of the cluster in " + source.directory(),
                    e.getMessage(), "See its log:\n" + source.logTail(10), e);
        }
    }

    /** Where restores can reach now; {@link HistoryWindow#UNKNOWN} before the first base backup. */
    public HistoryWindow window() {
        return backups.window();
    }

    public WalArchive archive() {
        return archive;
    }

    public BaseBackups backups() {
        return backups;
    }

    public RecoveryClusters recoveries() {
        return recoveries;
    }

    private static WalArchive archive(Path directory) {
        return new WalArchive(directory.resolve("wal"));
    }
}
