package io.dbbranch.bench.support;

import io.dbbranch.engine.host.XfsLoopMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file system a benchmark's clusters live on ({@code --fs}): {@code default}, the work folder's own, or
 * {@code xfs-loop}, a fresh XFS with reflink loop-mounted for the run (root and {@code mkfs.xfs} needed), so that
 * cloning can be measured on a machine whose own file system cannot clone. Closing it unmounts and deletes the loop
 * file system, whatever the benchmark did.
 */
public final class BenchFileSystem implements AutoCloseable {
    public static final String DEFAULT = "default";
    public static final String XFS_LOOP = "xfs-loop";

    private final Path work;
    private final XfsLoopMount mount;

    private BenchFileSystem(Path work, XfsLoopMount mount) {
        this.work = work;
        this.mount = mount;
    }

    /** Why {@code kind} cannot be used here, or empty when it can; an unknown kind is refused. */
    public static Optional<String> unavailableBecause(String kind) {
        return switch (kind) {
            case DEFAULT -> Optional.empty();
            case XFS_LOOP -> XfsLoopMount.unavailableBecause();
            default -> throw new IllegalArgumentException("--fs takes " + DEFAULT + " or " + XFS_LOOP + ", not '" + kind + "'");
        };
    }

    /**
     * Opens {@code kind}: the default is {@code work} itself; an XFS loop mount of {@code bytes} (sparse) has its image
     * in {@code /var/tmp} and its work folder at its root.
     */
    public static BenchFileSystem open(String kind, Path work, long bytes) throws IOException {
        if (unavailableBecause(kind).isPresent()) {
            throw new IOException("--fs " + kind + " is not available here: " + unavailableBecause(kind).get());
        }
        if (kind.equals(DEFAULT)) {
            return new BenchFileSystem(work, null);
        }
        XfsLoopMount mount = XfsLoopMount.create(Path.of("/var/tmp"), bytes);
        return new BenchFileSystem(mount.mountPoint().resolve("work"), mount);
    }

    /**
     * Room enough on a loop-mounted file system for a benchmark of these sizes: a parent, a database made from it and
     * the WAL between checkpoints. The image is sparse: it takes only what is written.
     */
    public static long imageBytesFor(List<Integer> sizesMb) {
        long largest = sizesMb.stream().mapToLong(Integer::longValue).max().orElse(60);
        return Math.max(2048, 4 * largest + 2048) * 1024 * 1024;
    }

    /** Where the benchmark's clusters go. */
    public Path work() {
        return work;
    }

    /** For the report: {@code ext4 (the work folder's own)}, {@code xfs (loop-mounted image, reflink=1, direct I/O)}. */
    public String describe() throws IOException {
        Path existing = work;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        String type = Files.getFileStore(existing).type();
        return mount == null ? type + " (the work folder's own)" : type + " (loop-mounted image, reflink=1, direct I/O)";
    }

    @Override
    public void close() throws IOException {
        if (mount != null) {
            mount.close();
        }
    }
}
