package io.dbbranch.bench.support;

import io.dbbranch.engine.local.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmarks' scratch folders: made fresh under the work folder, deleted with everything in them. */
public final class WorkFolders {
    private WorkFolders() {
    }

    /**
     * A new, empty folder under {@code root} whose name starts with {@code prefix}, which the embedded server's user
     * can enter (see {@link ServerAccount#letEnter}).
     */
    public static Path create(Path root, String prefix) {
        try {
            return ServerAccount.current().letEnter(Files.createTempDirectory(Files.createDirectories(root), prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a work folder under " + root, e);
        }
    }

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
