package io.dbbranch.engine.local.pitr;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.ServerAccount;
import io.dbbranch.engine.spi.HistoryWindow;
import io.dbbranch.engine.spi.PointInTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The base backups of one cluster, each in a folder of its own named after its start time.
 *
 * <p>The embedded bundle has no {@code pg_basebackup}, so a backup is PostgreSQL's low-level API in one session:
 * {@code pg_backup_start}, a file copy of the live data folder, {@code pg_backup_stop}, whose {@code backup_label}
 * (and {@code tablespace_map}) are written into the copy. {@code pg_backup_stop} waits until the WAL the copy
 * needs is archived, so a finished backup is always restorable.
 */
public final class BaseBackups {
    private static final DateTimeFormatter FOLDER_NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern START_WAL_FILE = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
    /** An unfinished backup older than this was abandoned by a crash, not still being copied. */
    private static final Duration ABANDONED = Duration.ofDays(1);
    /** How long {@code pg_backup_stop} may wait for the archive before the backup is declared failed. */
    private static final Duration ARCHIVE_WAIT = Duration.ofMinutes(2);

    private final Path directory;

    public BaseBackups(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Takes a base backup of the running {@code cluster}, which must archive its WAL. If anything fails, the
     * half-made backup is deleted.
     */
    public synchronized BaseBackup take(LocalCluster cluster) {
        String asked = "Take a base backup of the cluster in " + cluster.directory();
        Instant startedAt = Instant.now();
        Path folder = null;
        try (Connection admin = cluster.connectPinned("postgres")) {
            WalArchive.requireEnabled(admin, asked);
            folder = newFolder(startedAt);
            String startLsn;
            try (PreparedStatement start = admin.prepareStatement("SELECT pg_backup_start(?, true)")) {
                start.setString(1, "dbbranch " + folder.getFileName());
                startLsn = single(start.executeQuery());
            }
            DataFiles.copyForBackup(cluster.dataDirectory(), folder.resolve("data"));
            try (Statement statement = admin.createStatement()) {
                statement.execute("SET statement_timeout = '" + ARCHIVE_WAIT.toSeconds() + "s'");
                try (ResultSet stop = statement.executeQuery("SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(true)")) {
                    stop.next();
                    String label = stop.getString("labelfile");
                    writeIntoCopy(folder.resolve("data").resolve("backup_label"), label);
                    String tablespaceMap = stop.getString("spcmapfile");
                    if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                        writeIntoCopy(folder.resolve("data").resolve("tablespace_map"), tablespaceMap);
                    }
                    BaseBackup backup = new BaseBackup(folder, startLsn, startWalFile(label), stop.getString("lsn"),
                            startedAt, Instant.now());
                    backup.save();
                    return backup;
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            DbBranchException failure = e instanceof DbBranchException known ? known : DbBranchException.of(ErrorCode.ENVIRONMENT,
                    asked, e.toString(), "Check free space and the server log:\n" + cluster.logTail(10), e);
            deleteQuietly(folder, failure);
            throw failure;
        }
    }

    /** The finished backups, oldest first. */
    public List<BaseBackup> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<BaseBackup> backups = new ArrayList<>();
        for (Path folder : folders()) {
            if (Files.exists(folder.resolve(BaseBackup.PROPERTIES))) {
                try {
                    backups.add(BaseBackup.load(folder));
                } catch (IOException | RuntimeException e) {
                    throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Read the base backup in " + folder, e.toString(),
                            "Delete that folder if it is damaged", e);
                }
            }
        }
        backups.sort(Comparator.comparing(BaseBackup::stoppedAt));
        return backups;
    }

    /** The newest backup a restore to {@code point} can start from. */
    public Optional<BaseBackup> newestBefore(PointInTime point) {
        List<BaseBackup> backups = list();
        for (int i = backups.size() - 1; i >= 0; i--) {
            if (backups.get(i).precedes(point)) {
                return Optional.of(backups.get(i));
            }
        }
        return Optional.empty();
    }

    /** Where restores can reach: from the oldest backup's consistent point to now. */
    public HistoryWindow window() {
        List<BaseBackup> backups = list();
        return backups.isEmpty() ? HistoryWindow.UNKNOWN
                : new HistoryWindow(backups.get(0).stoppedAt(), backups.get(0).stopLsn());
    }

    /** Whether no backup is younger than {@code settings.backupInterval()} at {@code now}. */
    public boolean isDue(PitrSettings settings, Instant now) {
        List<BaseBackup> backups = list();
        return backups.isEmpty() || backups.get(backups.size() - 1).stoppedAt().plus(settings.backupInterval()).isBefore(now);
    }

    /**
     * Deletes the backups the history window no longer needs (see {@link PitrSettings}) and abandoned unfinished
     * ones.
     *
     * @return the backups kept, oldest first
     */
    public synchronized List<BaseBackup> prune(PitrSettings settings, Instant now) {
        List<BaseBackup> backups = list();
        Instant windowStart = now.minus(settings.historyWindow());
        int firstKept = 0;
        // The newest backup from before the window start is the one that reaches back to it.
        for (int i = 0; i < backups.size(); i++) {
            if (backups.get(i).stoppedAt().isBefore(windowStart)) {
                firstKept = i;
            }
        }
        firstKept = Math.max(firstKept, backups.size() - settings.maxBaseBackups());
        try {
            for (BaseBackup old : backups.subList(0, firstKept)) {
                DataFiles.delete(old.directory());
            }
            for (Path folder : folders()) {
                boolean unfinished = !Files.exists(folder.resolve(BaseBackup.PROPERTIES));
                if (unfinished && Files.getLastModifiedTime(folder).toInstant().plus(ABANDONED).isBefore(now)) {
                    DataFiles.delete(folder);
                }
            }
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Prune the base backups in " + directory, e.toString(),
                    "Check the folder's permissions", e);
        }
        return List.copyOf(backups.subList(firstKept, backups.size()));
    }

    private Path newFolder(Instant startedAt) throws IOException {
        Files.createDirectories(directory);
        String name = FOLDER_NAME.format(startedAt);
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createDirectory(directory.resolve(attempt == 1 ? name : name + "-" + attempt));
            } catch (FileAlreadyExistsException taken) {
                // Two backups in the same millisecond: number the second.
            }
        }
    }

    private List<Path> folders() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "List the base backups in " + directory, e.toString(),
                    "Check the folder's permissions", e);
        }
    }

    /**
     * Writes a file the restored server reads, renames and fsyncs (so it must be its user's) into the copy, which
     * belongs to the server's user by now: created new, so a link that user left there is never written through.
     */
    private static void writeIntoCopy(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, CREATE_NEW, WRITE);
        ServerAccount.current().give(file);
    }

    private static String startWalFile(String label) {
        Matcher matcher = START_WAL_FILE.matcher(label);
        if (!matcher.find()) {
            throw new IllegalStateException("backup_label without a START WAL LOCATION line: " + label);
        }
        return matcher.group(1);
    }

    private static String single(ResultSet result) throws SQLException {
        try (result) {
            result.next();
            return result.getString(1);
        }
    }

    private static void deleteQuietly(Path folder, DbBranchException failure) {
        if (folder != null) {
            try {
                DataFiles.delete(folder);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
