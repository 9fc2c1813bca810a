package io.dbbranch.engine.testing;

import io.dbbranch.engine.local.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Scratch folders that a test JVM leaves nothing of: a test cluster's home holds most of a gigabyte of files and WAL,
 * and a machine that runs the build every day would fill its temporary folder within weeks.
 */
public final class ScratchFolders {
    private ScratchFolders() {
    }

    /**
     * Removes {@code folder} when the JVM exits, after closing {@code stopFirst} (the server whose files are in it) in
     * the same shutdown hook, since hooks run in no set order.
     */
    public static Path removedAtExit(Path folder, AutoCloseable stopFirst) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stopFirst.close();
            } catch (Exception e) {
                // The JVM is exiting; the files are removed anyway and the server, if it survived, finds its folder gone.
                System.err.println("could not stop what runs in " + folder + ": " + e);
            }
            delete(folder);
        }, "remove " + folder.getFileName()));
        return folder;
    }

    /** Removes {@code folder} when the JVM exits; for folders that no server uses. */
    public static Path removedAtExit(Path folder) {
        return removedAtExit(folder, () -> { });
    }

    /**
     * Deletes {@code folder} and everything in it now; nothing when it does not exist. The server's own folders in it
     * are emptied as the server's user ({@link ServerAccount#deleteTree}).
     */
    public static void delete(Path folder) {
        try {
            ServerAccount.current().deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder, e);
        }
    }
}
