package io.dbbranch.engine.host;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder only its owner can enter (mode {@code 0700}), for files that hold secrets. It is created if missing; an
 * existing one is used only if it is a real folder (not a symbolic link), owned by this user and closed to everyone
 * else: a folder another user made first could let them read, replace or redirect what is written there.
 */
public final class PrivateDirectory {
    private PrivateDirectory() {
    }

    /**
     * Creates {@code directory} (mode {@code 0700}) unless it exists, checks it, and returns it.
     *
     * @param purpose what the folder is for, for messages ("Keep connection passwords")
     * @throws DbBranchException {@code ENVIRONMENT} naming what was found and what to do
     */
    public static Path require(Path directory, String purpose) {
        String asked = purpose + " in " + directory;
        FileStatus status;
        try {
            if (directory.getParent() != null) {
                Files.createDirectories(directory.getParent());
            }
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException exists) {
                // Checked below like any folder we did not make.
            }
            status = FileStatus.of(directory);
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), "Check that its parent folder is writable", e);
        }
        String problem = problem(status);
        if (problem != null) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, problem + " (" + status.describe() + ")",
                    "Remove it if you did not make it (another user may have, to read what is written there), "
                            + "or make it yours and private: chmod 700 " + directory);
        }
        return directory;
    }

    private static String problem(FileStatus status) {
        if (status.isSymbolicLink()) {
            return "it is a symbolic link, which is never followed for secrets";
        }
        if (!status.isDirectory()) {
            return "it is not a folder";
        }
        if (status.uid() != HostUser.uid()) {
            return "it belongs to another user, not to you (uid " + HostUser.uid() + ")";
        }
        if (status.accessibleByOthers()) {
            return "other users may enter it";
        }
        return null;
    }
}
