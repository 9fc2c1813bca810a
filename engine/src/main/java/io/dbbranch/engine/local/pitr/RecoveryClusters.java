package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.RestorePoint;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The recovery branches of one local cluster: each a cluster of its own, in a folder named after the branch,
 * restored from the newest base backup before the target and the WAL archive, on its own loopback port.
 *
 * <p>The whole source cluster is restored (PostgreSQL's physical recovery cannot pick one database); only the
 * requested database is the branch: it is renamed after the branch, and connections go there. Admin sessions use
 * {@code template1}. Deleting the branch stops its server and removes its
 * folder.
 */
public final class RecoveryClusters {
    /** The database admin sessions of a recovery cluster connect to. */
    public static final String MAINTENANCE_DATABASE = Recovery.MAINTENANCE_DATABASE;
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(30);

    private final LocalCluster source;
    private final WalArchive archive;
    private final BaseBackups backups;
    private final Path directory;
    private final Recovery recovery;

    /**
     * @param source    the cluster whose history is restored; it must archive into {@code archive}
     * @param directory where recovery clusters live, one folder each
     * @param settings  the settings of a recovered cluster (the source's, without archiving)
     */
    public RecoveryClusters(LocalCluster source, WalArchive archive, BaseBackups backups, Path directory, ClusterSettings settings) {
        this.source = source;
        this.archive = archive;
        this.backups = backups;
        this.directory = directory.toAbsolutePath();
        this.recovery = new Recovery(source, archive, settings);
    }

    /**
     * Restores {@code sourceDatabase} as it was at {@code point} into a new recovery branch called {@code name}, and
     * returns it running. The source is not touched, beyond a WAL switch that makes the archive hold the target.
     * A point in the future, beyond the WAL written so far, or before the oldest base backup is refused before
     * anything is made; a restore that fails half-way removes what it made.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} for a point outside the history window, {@code NOT_FOUND}
     *                           for an unknown database, {@code ALREADY_EXISTS} for a name in use
     */
    public RecoveryBranch create(String name, String sourceDatabase, PointInTime point, Labels labels) {
        BranchName.validate(name);
        String asked = "Restore database '" + sourceDatabase + "' to " + point + " as recovery branch '" + name + "'";
        if (!point.isHistorical()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "a recovery branch needs a moment or an LSN",
                    "Branch the head with CREATE DATABASE … TEMPLATE instead");
        }
        Path folder = directory.resolve(name);
        if (Files.exists(folder)) {
            throw nameTaken(asked, null);
        }
        BaseBackup backup = prepare(sourceDatabase, point, asked);
        Instant createdAt = Instant.now();
        try {
            Files.createDirectories(directory);
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw nameTaken(asked, e);
        } catch (IOException e) {
            throw environment(asked, e);
        }
        RecoveryBranch branch = new RecoveryBranch(name, sourceDatabase, point, null, labels, createdAt, BranchState.CREATING, null);
        try {
            branch.save(folder);
            RestorePoint reached = recovery.run(backup, folder, point, sourceDatabase, name, RECOVERY_TIMEOUT, asked);
            RecoveryBranch ready = branch.with(reached, BranchState.READY, recovery.cluster(folder).details(name));
            ready.save(folder);
            return ready;
        } catch (IOException | SQLException | RuntimeException e) {
            DbBranchException failure = e instanceof DbBranchException known ? known
                    : DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), "See the server log", e);
            try {
                remove(folder);
            } catch (RuntimeException | IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** The recovery branches, by name; {@code connection} is set for those whose server runs. */
    public List<RecoveryBranch> list() {
        List<RecoveryBranch> branches = new ArrayList<>();
        for (Path folder : folders()) {
            load(folder).ifPresent(branches::add);
        }
        return branches;
    }

    public Optional<RecoveryBranch> find(String name) {
        return existingFolder(name).flatMap(this::load);
    }

    /**
     * The cluster serving a recovery branch, e.g. to mint logins in it; {@code details(db)} starts it if needed.
     *
     * @throws DbBranchException {@code NOT_FOUND} when there is no such recovery branch
     */
    public LocalCluster cluster(String name) {
        return recovery.cluster(existingFolder(name).orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND,
                "Use recovery branch '" + name + "'", "there is none of that name", "List the branches to see which exist")));
    }

    /**
     * Moves the branch's expiry (the dead-man's switch in its labels) to {@code expiresAt}.
     *
     * @throws DbBranchException {@code NOT_FOUND} for an unknown branch, {@code INVALID_REQUEST} for one without labels
     */
    public RecoveryBranch extendExpiry(String name, Instant expiresAt) {
        String asked = "Extend the expiry of recovery branch '" + name + "'";
        Path folder = existingFolder(name).orElseThrow(() -> DbBranchException.of(ErrorCode.NOT_FOUND, asked,
                "there is none of that name", "List the branches to see which exist"));
        try {
            RecoveryBranch branch = RecoveryBranch.load(folder);
            if (branch.labels() == null) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "it carries no dbbranch labels", "Delete it by hand");
            }
            RecoveryBranch moved = branch.withLabels(branch.labels().withExpiresAt(expiresAt));
            moved.save(folder);
            return moved;
        } catch (IOException e) {
            throw environment(asked, e);
        }
    }

    /**
     * Stops the branch's server and removes its folder. Idempotent.
     *
     * @return whether it existed
     */
    public boolean delete(String name) {
        Optional<Path> folder = existingFolder(name);
        if (folder.isEmpty()) {
            return false;
        }
        try {
            remove(folder.get());
            return true;
        } catch (IOException e) {
            throw environment("Delete recovery branch '" + name + "'", e);
        }
    }

    /** The folder of an existing branch; names that are no valid branch name never reach the file system. */
    private Optional<Path> existingFolder(String name) {
        try {
            BranchName.validate(name);
        } catch (DbBranchException invalid) {
            return Optional.empty();
        }
        return Files.isDirectory(directory.resolve(name)) ? Optional.of(directory.resolve(name)) : Optional.empty();
    }

    /** Checks everything that can be checked before anything is made, and returns the backup to start from. */
    private BaseBackup prepare(String sourceDatabase, PointInTime point, String asked) {
        try (Connection admin = source.connectPinned("postgres")) {
            requireDatabase(admin, sourceDatabase, asked);
            WalArchive.requireEnabled(admin, asked);
            backups.window().requireContains(point, Instant.now(), asked);
            requireWritten(admin, point, asked);
            BaseBackup backup = backups.newestBefore(point).orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST,
                    asked, "no base backup precedes it, so the history window is empty", "Take a base backup first"));
            archive.flush(admin, source, ARCHIVE_TIMEOUT);
            return backup;
        } catch (SQLException e) {
            throw DbBranchException.of(ErrorCode.UNAVAILABLE, asked, "the source cluster failed: " + e.getMessage(),
                    "See its log:\n" + source.logTail(10), e);
        }
    }

    private static void requireDatabase(Connection admin, String database, String asked) throws SQLException {
        try (PreparedStatement exists = admin.prepareStatement("SELECT datistemplate FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet result = exists.executeQuery()) {
                if (!result.next()) {
                    throw DbBranchException.of(ErrorCode.NOT_FOUND, asked, "the local cluster has no database '" + database + "'",
                            "Check the name");
                }
                if (result.getBoolean(1)) {
                    throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "'" + database + "' is a template database",
                            "Restore the database you made from it");
                }
            }
        }
    }

    /** An LSN the cluster has not written yet is the future. */
    private static void requireWritten(Connection admin, PointInTime point, String asked) throws SQLException {
        if (!(point instanceof PointInTime.AtLsn at)) {
            return;
        }
        try (Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
            result.next();
            PointInTime.AtLsn head = new PointInTime.AtLsn(result.getString(1));
            if (Long.compareUnsigned(at.position(), head.position()) > 0) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "LSN " + at.lsn() + " is in the future: the cluster "
                        + "has written WAL up to " + head.lsn(), "Choose an LSN the cluster has written");
            }
        }
    }

    private Optional<RecoveryBranch> load(Path folder) {
        if (!Files.exists(folder.resolve(RecoveryBranch.PROPERTIES))) {
            return Optional.empty();
        }
        try {
            RecoveryBranch branch = RecoveryBranch.load(folder);
            LocalCluster cluster = recovery.cluster(folder);
            return Optional.of(cluster.runningPort().isPresent() ? branch.withConnection(cluster.details(branch.name())) : branch);
        } catch (IOException | RuntimeException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Read recovery branch in " + folder, e.toString(),
                    "Delete the folder if it is damaged", e);
        }
    }

    private void remove(Path folder) throws IOException {
        LocalCluster cluster = recovery.cluster(folder);
        if (cluster.runningPort().isPresent()) {
            cluster.stop();
        }
        DataFiles.delete(folder);
    }

    private List<Path> folders() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw environment("List the recovery branches in " + directory, e);
        }
    }

    private static DbBranchException nameTaken(String asked, Exception cause) {
        return DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a recovery branch of that name exists",
                "Choose another name or delete it first", cause);
    }

    private static DbBranchException environment(String asked, IOException e) {
        return DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), "Check the folder's permissions and free space", e);
    }
}
