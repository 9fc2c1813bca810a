package io.dbbranch.bench.support;

import io.dbbranch.engine.local.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * Deletes {@code root} and everything under it; nothing when it does not exist. The server's own folders in it are
     * emptied as the server's user ({@link ServerAccount#deleteTree}).
     */
    public static void delete(Path root) {
        try {
            ServerAccount.current().deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
