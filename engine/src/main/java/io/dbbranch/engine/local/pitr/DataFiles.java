package io.dbbranch.engine.local.pitr;

import io.dbbranch.engine.local.ServerAccount;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Copies and deletes PostgreSQL data folders. A copy keeps permissions (PostgreSQL refuses a data folder others can
 * read) and symbolic links, and tolerates files that vanish while it runs, as they do under a live server.
 *
 * <p>Files are copied by GNU {@code cp --reflink=auto}: on a file system that clones (XFS with reflink, btrfs), a copy
 * shares its original's blocks and costs next to nothing whatever the size; elsewhere cp copies in the kernel
 * ({@code copy_file_range}), as fast as a plain copy gets. Java's {@code Files.copy} never clones.
 */
final class DataFiles {
    /** Files per {@code cp} call of a base backup: well within the kernel's limit on a command line's length. */
    private static final int BATCH = 500;

    /** Files a base backup must not contain (see "Making a Base Backup Using the Low Level API"). */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "backup_label.old", "tablespace_map", "current_logfiles", "recovery.signal", "standby.signal", "pg_internal.init");
    /** Folders whose content is rebuilt or irrelevant at startup: copied empty. */
    private static final Set<String> EMPTIED_FOLDERS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private DataFiles() {
    }

    /** Copies a live data folder for a base backup, leaving out what a restored server must not find. */
    static void copyForBackup(Path dataDirectory, Path target) throws IOException {
        copy(dataDirectory, target, true);
    }

    /**
     * Copies a folder that nothing changes (a base backup) as it is, to {@code target}, which must not exist. Uses
     * {@code cp -a --reflink=auto} where there is one: GNU cp clones where the file system can and otherwise copies in
     * the kernel, several times faster than a copy through Java, and this copy is most of a restore's time.
     */
    static void copy(Path source, Path target) throws IOException {
        Process cp;
        try {
            cp = new ProcessBuilder("cp", "-a", "--reflink=auto", source.toString(), target.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException noCp) {
            copy(source, target, false);
            return;
        }
        String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (cp.waitFor() != 0) {
                throw new IOException("cp -a " + source + " " + target + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            cp.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying " + source);
        }
    }

    /**
     * Deletes a folder and everything in it; does nothing if it is absent. What the server's user owns, it deletes
     * itself (see {@link ServerAccount#deleteTree}).
     */
    static void delete(Path folder) throws IOException {
        ServerAccount.current().deleteTree(folder);
    }

    /**
     * Copies a folder (files with their owner and mode); each folder of the copy gets its owner and mode only once
     * everything in it is copied. The source may belong to the server's user; while a folder of the copy still
     * belongs to us, that user cannot swap anything in it for a link we would then write through. Regular files are
     * gathered per folder and copied by {@link FileBatch} when the folder is done.
     */
    private static void copy(Path source, Path target, boolean forBackup) throws IOException {
        Map<Path, FileBatch> batches = new HashMap<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                String name = directory.equals(source) ? "" : directory.getFileName().toString();
                if (forBackup && name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path copy = target.resolve(source.relativize(directory).toString());
                try {
                    // Made as ours; its owner and mode follow once it is filled (see copyAttributes).
                    Files.copy(directory, copy);
                } catch (NoSuchFileException vanished) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                boolean emptied = forBackup && source.equals(directory.getParent()) && EMPTIED_FOLDERS.contains(name);
                if (!emptied) {
                    return FileVisitResult.CONTINUE;
                }
                if (name.equals("pg_wal")) {
                    Files.createDirectory(copy.resolve("archive_status"));
                    copyAttributes(directory, copy.resolve("archive_status"));
                }
                copyAttributes(directory, copy);
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Path copy = target.resolve(source.relativize(directory).toString());
                FileBatch batch = batches.remove(directory);
                if (batch != null) {
                    batch.copyInto(copy);
                }
                copyAttributes(directory, copy);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (forBackup && (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp"))) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isRegularFile()) {
                    FileBatch batch = batches.computeIfAbsent(file.getParent(), ignored -> new FileBatch());
                    batch.add(file);
                    if (batch.size() >= BATCH) {
                        batch.copyInto(target.resolve(source.relativize(file.getParent()).toString()));
                    }
                } else {
                    copyOne(file, target.resolve(source.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
    }

    /** Copies one file or link with its owner, mode and times; a file dropped meanwhile is left out. */
    static void copyOne(Path file, Path copy) throws IOException {
        try {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException vanished) {
            // Dropped while we copied: the WAL replayed on restore drops it again.
        }
    }

    private static void copyAttributes(Path source, Path copy) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException vanished) {
            return;
        }
        Files.setPosixFilePermissions(copy, attributes.permissions());
        Files.setLastModifiedTime(copy, attributes.lastModifiedTime());
        if (!Files.getOwner(copy, LinkOption.NOFOLLOW_LINKS).equals(attributes.owner())) {
            PosixFileAttributeView view = Files.getFileAttributeView(copy, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            view.setGroup(attributes.group());
            view.setOwner(attributes.owner());
        }
    }
}
