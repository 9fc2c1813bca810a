package io.dbbranch.engine.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scratch XFS file system with reflink (it clones files) in an image file, mounted through a loop device, for tests
 * and benchmarks that must see what cloning does on a machine whose own file system cannot clone (ext4). Needs root,
 * {@code mkfs.xfs} (Debian: {@code xfsprogs}) and a kernel that lets this process mount loop devices; closing it
 * unmounts it, releases the loop device and deletes the image and the mount point.
 *
 * <p>The loop device reads and writes its image with direct I/O, as a disk of its own would be used. Without it the
 * kernel caches every block twice, as the file system's and as the image file's pages: with a 6 GB database the two
 * filled 21 of this machine's 24 GB, and the clone benchmark measured memory pressure along with the file system.
 */
public final class XfsLoopMount implements AutoCloseable {
    private static final Pattern LOOP_DEVICE = Pattern.compile("/dev/loop\\d+");

    private final Path image;
    private final Path mountPoint;
    private final String device;

    private XfsLoopMount(Path image, Path mountPoint, String device) {
        this.image = image;
        this.mountPoint = mountPoint;
        this.device = device;
    }

    /** Why none can be made on this machine (not root, no {@code mkfs.xfs}), or empty when one may be. */
    public static Optional<String> unavailableBecause() {
        if (!HostUser.isRoot()) {
            return Optional.of("mounting a loop device needs root");
        }
        boolean mkfs = List.of("/sbin/mkfs.xfs", "/usr/sbin/mkfs.xfs").stream().anyMatch(path -> Files.isExecutable(Path.of(path)));
        return mkfs ? Optional.empty() : Optional.of("mkfs.xfs is not installed (Debian: apt-get install xfsprogs)");
    }

    /**
     * Makes and mounts one of {@code bytes} (sparse: it takes room only as it fills) with its image in
     * {@code imageFolder}, which should be on disk, not in memory. Everything made is removed again when a step fails.
     *
     * @throws IOException naming the step that failed and what it printed (a container may forbid loop devices)
     */
    public static XfsLoopMount create(Path imageFolder, long bytes) throws IOException {
        Optional<String> unavailable = unavailableBecause();
        if (unavailable.isPresent()) {
            throw new IOException("no XFS loop mount: " + unavailable.get());
        }
        Path image = Files.createTempFile(imageFolder, "dbbranch-xfs-", ".img");
        Path mountPoint = null;
        String device = null;
        try {
            try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
                file.setLength(bytes);
            }
            run(List.of("mkfs.xfs", "-q", "-f", "-m", "reflink=1", image.toString()));
            mountPoint = Files.createTempDirectory("dbbranch-xfs-");
            device = attach(image);
            run(List.of("mount", device, mountPoint.toString()));
            return new XfsLoopMount(image, mountPoint, device);
        } catch (IOException | RuntimeException e) {
            if (device != null) {
                try {
                    run(List.of("losetup", "--detach", device));
                } catch (IOException detach) {
                    e.addSuppressed(detach);
                }
            }
            if (mountPoint != null) {
                Files.deleteIfExists(mountPoint);
            }
            Files.deleteIfExists(image);
            throw e;
        }
    }

    /** Attaches {@code image} to a free loop device with direct I/O and returns the device's path. */
    private static String attach(Path image) throws IOException {
        List<String> command = List.of("losetup", "--direct-io=on", "--find", "--show", image.toString());
        HostCommand result = HostCommand.run(command, Path.of("/"));
        // The device is printed alone on its line; a warning (direct I/O refused by the image's file system) may precede it.
        Optional<String> device = result.output().lines().map(String::strip).filter(line -> LOOP_DEVICE.matcher(line).matches()).findFirst();
        if (!result.succeeded() || device.isEmpty()) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result.output());
        }
        return device.get();
    }

    /** The root of the mounted file system (owned by root, mode 755). */
    public Path mountPoint() {
        return mountPoint;
    }

    /**
     * Unmounts, releases the loop device and deletes the image and the mount point. A mount still busy (a process left
     * behind by a failed run) is detached lazily, and its loop device released once the kernel lets go of it (a busy
     * device is marked to be freed when its last user goes).
     */
    @Override
    public void close() throws IOException {
        try {
            run(List.of("umount", mountPoint.toString()));
        } catch (IOException busy) {
            try {
                run(List.of("umount", "--lazy", mountPoint.toString()));
            } catch (IOException failed) {
                failed.addSuppressed(busy);
                throw failed;
            }
        }
        run(List.of("losetup", "--detach", device));
        Files.deleteIfExists(mountPoint);
        Files.deleteIfExists(image);
    }

    private static void run(List<String> command) throws IOException {
        HostCommand result = HostCommand.run(command, Path.of("/"));
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result.output());
        }
    }
}
