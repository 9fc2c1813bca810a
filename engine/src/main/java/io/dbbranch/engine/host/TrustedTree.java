package io.dbbranch.engine.host;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks that no other user can have changed a folder of programs before they run: every file and folder in it, and
 * every folder above it, belongs to this user or to root, and none can be written by anyone else (a folder above
 * may be world-writable only with the sticky bit, like {@code /tmp}, where others cannot rename our entries).
 */
public final class TrustedTree {
    private TrustedTree() {
    }

    /**
     * @param asked  what the caller is doing, for messages
     * @param remedy what to do about a finding
     * @throws DbBranchException {@code ENVIRONMENT} naming the first untrusted path and what was found
     */
    public static void require(Path root, String asked, String remedy) {
        try {
            Path absolute = root.toAbsolutePath().normalize();
            for (Path above = absolute.getParent(); above != null; above = above.getParent()) {
                FileStatus status = FileStatus.of(above);
                if (!trustedOwner(status) || (status.writableByOthers() && !status.sticky())) {
                    throw untrusted(status, asked, remedy);
                }
            }
            Files.walkFileTree(absolute, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                    check(directory);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    check(file);
                    return FileVisitResult.CONTINUE;
                }

                private void check(Path path) throws IOException {
                    FileStatus status = FileStatus.of(path);
                    // A symbolic link's own mode means nothing; its owner does (only the owner of the folder made it).
                    if (!trustedOwner(status) || (!status.isSymbolicLink() && status.writableByOthers())) {
                        throw untrusted(status, asked, remedy);
                    }
                }
            });
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), remedy, e);
        }
    }

    private static boolean trustedOwner(FileStatus status) {
        return status.uid() == 0 || status.uid() == HostUser.uid();
    }

    private static DbBranchException untrusted(FileStatus status, String asked, String remedy) {
        String who = trustedOwner(status) ? "other users may change it" : "it belongs to another user (uid " + status.uid() + ")";
        return DbBranchException.of(ErrorCode.ENVIRONMENT, asked, status.path() + " cannot be trusted: " + who + " ("
                + status.describe() + ")", remedy);
    }
}
