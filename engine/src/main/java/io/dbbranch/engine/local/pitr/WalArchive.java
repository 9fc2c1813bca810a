package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.ServerAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder the local cluster copies every finished WAL segment into ({@code archive_command}), and recovery
 * clusters read back from ({@code restore_command}).
 *
 * <p>The commands are plain {@code test}/{@code cp}/{@code mv} shell one-liners: the embedded bundle ships no
 * {@code pg_archivecleanup} or {@code pg_receivewal}. They run as the server's host user ({@link ServerAccount}),
 * so this folder is that user's: when dbbranch runs as root, it is handed to the system user the server runs as
 * (dbbranch, as root, still lists and prunes it, deleting entries by name only). A segment
 * is copied to {@code <name>.part} and renamed, so a reader never sees half a segment; one that is archived again
 * after a crash is accepted only if it is identical.
 */
public final class WalArchive {
    /** Segment files ({@code 000000010000000000000003}) and backup history files ({@code ….00000028.backup}). */
    private static final Pattern PRUNABLE = Pattern.compile("[0-9A-F]{24}(\\.[0-9A-F]{8}\\.backup|\\.part|\\.partial)?");

    private final Path directory;

    public WalArchive(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** {@code settings} plus WAL archiving into this folder, which is created if needed. */
    public ClusterSettings enableOn(ClusterSettings settings) {
        createDirectory();
        String target = shellWord(directory) + "/%f";
        String part = shellWord(directory) + "/%f.part";
        String command = "if test -f " + target + "; then cmp -s %p " + target + "; "
                + "else cp %p " + part + " && mv " + part + " " + target + "; fi";
        return settings.with("wal_level", "replica").with("archive_mode", "on").with("archive_command", confString(command));
    }

    /** {@code settings} for a cluster that recovers from this archive and never archives itself. */
    ClusterSettings restoreFrom(ClusterSettings settings) {
        String source = shellWord(directory) + "/%f";
        // 'test' first: a missing file is the normal end of the archive and must not litter the log with cp errors.
        return settings.with("archive_mode", "off").with("restore_command", confString("test -f " + source + " && cp " + source + " %p"));
    }

    /**
     * Makes the archive hold everything the cluster has written so far: commits a marker transaction (a recovery
     * to a moment stops only at the first commit after it, so there must be one), switches to a new WAL segment and
     * waits until the finished one is archived.
     *
     * @param admin a superuser connection to the cluster
     * @return the name of the last archived segment
     */
    String flush(Connection admin, LocalCluster cluster, Duration timeout) throws SQLException {
        String segment;
        try (Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_current_xact_id()");
            try (ResultSet result = statement.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                result.next();
                segment = result.getString(1);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(directory.resolve(segment))) {
            if (System.nanoTime() > deadline) {
                throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Archive WAL segment " + segment + " into " + directory,
                        "it did not arrive within " + timeout.toSeconds() + " s (" + archiverStatus(admin) + ")",
                        "Check that the folder is writable and that archive_command works; server log:\n" + cluster.logTail(10));
            }
            Pause.beforeNextPoll("the WAL archive");
        }
        return segment;
    }

    /**
     * Refuses to go on when the cluster does not archive its WAL: a backup could never be brought forward, and no
     * restore could reach a moment after it.
     *
     * @throws DbBranchException {@code ENVIRONMENT} naming the way out
     */
    static void requireEnabled(Connection admin, String asked) throws SQLException {
        if (!isEnabled(admin)) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, "the cluster does not archive its WAL (archive_mode is off), "
                            + "so it keeps no history to restore from",
                    "Restart it with archiving (a cluster started by an older dbbranch needs one restart: "
                            + "'dbbranch local stop', and it starts with archiving on next use)");
        }
    }

    /** Whether the cluster behind {@code admin} archives its WAL. */
    static boolean isEnabled(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery("SHOW archive_mode")) {
            result.next();
            return "on".equals(result.getString(1));
        }
    }

    /** Deletes the archived segments older than {@code oldestNeeded}, which no kept base backup can use. */
    void pruneBefore(String oldestNeeded) {
        String oldestPosition = oldestNeeded.substring(8, 24);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                // Timelines aside (the first 8 digits), segment names sort by their position in the WAL.
                if (PRUNABLE.matcher(name).matches() && name.substring(8, 24).compareTo(oldestPosition) < 0) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Prune the WAL archive " + directory, e.toString(),
                    "Check the folder's permissions", e);
        }
    }

    /** The archived files, sorted by name (oldest segment first). */
    public List<String> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "List the WAL archive " + directory, e.toString(),
                    "Check the folder's permissions", e);
        }
    }

    private void createDirectory() {
        try {
            Files.createDirectories(directory);
            ServerAccount account = ServerAccount.current();
            // An archive made while the server ran as root (an older dbbranch) is handed over with its segments.
            account.adopt(directory);
            account.requireReachable(directory, "Archive the cluster's WAL into " + directory);
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Create the WAL archive " + directory, e.toString(),
                    "Check the folder's permissions and free space", e);
        }
    }

    private static String archiverStatus(Connection admin) {
        try (Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT archived_count, last_archived_wal, failed_count, last_failed_wal "
                     + "FROM pg_stat_archiver")) {
            result.next();
            return "archived " + result.getLong(1) + ", last " + result.getString(2) + "; failed " + result.getLong(3)
                    + ", last failed " + result.getString(4);
        } catch (SQLException e) {
            return "archiver status unavailable: " + e.getMessage();
        }
    }

    /** A path as one shell word; PostgreSQL reads {@code %} as a placeholder in these commands, so it is doubled. */
    private static String shellWord(Path path) {
        return "'" + path.toString().replace("%", "%%").replace("'", "'\\''") + "'";
    }

    /** A {@code postgresql.conf} string literal: quotes doubled, backslashes escaped. */
    private static String confString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
