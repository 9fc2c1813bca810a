package io.dbbranch.engine.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Who owns what in a cluster's folder, and how dbbranch writes there without trusting the server user.
 *
 * <p>The folder itself, {@code admin.password} and {@code cluster.lock} belong to the user running dbbranch. The
 * data folder and {@code server.log} belong to the {@link ServerAccount}, which writes them. Files dbbranch writes
 * into the data folder are created new and renamed into place, so a link the server user left there is replaced,
 * never followed.
 */
final class ClusterFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterFiles() {
    }

    /**
     * Makes an empty data folder of the server account's and a copy of the admin password it may read, for
     * {@code initdb}; returns that copy, which the caller deletes once initdb is done.
     */
    static Path prepareForInitdb(LocalCluster cluster, ServerAccount account) throws IOException {
        account.requireReachable(cluster.directory(), "Initialise a PostgreSQL cluster in " + cluster.directory());
        Path data = cluster.dataDirectory();
        if (!Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        account.give(data);
        Path copy = cluster.directory().resolve("initdb.password");
        Files.deleteIfExists(copy);
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(copy, Files.readAllBytes(cluster.directory().resolve("admin.password")));
        account.give(copy);
        return copy;
    }

    /** Hands the data folder (if root made it: a restore, an older dbbranch) and the log to the server account. */
    static void prepareForServer(LocalCluster cluster, ServerAccount account) throws IOException {
        account.requireReachable(cluster.directory(), "Start the PostgreSQL cluster in " + cluster.directory());
        account.adopt(cluster.dataDirectory());
        Path log = cluster.logFile();
        if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        account.give(log);
    }

    /** Makes the server read {@code dbbranch.conf}, which {@link LocalCluster} rewrites at each start. */
    static void includeSettingsFile(Path dataDirectory) throws IOException {
        try (OutputStream out = Files.newOutputStream(dataDirectory.resolve("postgresql.conf"), StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write("\ninclude_if_exists = 'dbbranch.conf'\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Replaces {@code file} with {@code content}: written to a new file beside it, then renamed over it. */
    static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
        try {
            // Mode set at creation: a chmod by path afterwards could be redirected through a link swapped in meanwhile.
            try (SeekableByteChannel out = Files.newByteChannel(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
