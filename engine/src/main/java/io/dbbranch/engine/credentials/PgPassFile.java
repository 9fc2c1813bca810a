package io.dbbranch.engine.credentials;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.ConnectionDetails;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A libpq password file ({@code PGPASSFILE}; pgjdbc reads it too), rewritten atomically whenever the lease
 * re-mints its token, so that clients opening new connections late in a long build find the current token.
 * Readable by its owner only, as libpq demands.
 */
public final class PgPassFile {
    private final Path path;

    public PgPassFile(Path path) {
        this.path = path;
    }

    /**
     * The password file of branch {@code branch} in {@code directory}: one name per branch, so that whoever deletes the
     * branch later (a delete command, a reaper after a killed run) finds the file without having been told.
     */
    public static PgPassFile ofBranch(Path directory, String branch) {
        Path file = directory.resolve(branch + ".pgpass");
        if (!directory.equals(file.getParent())) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Find the password file of branch '" + branch + "'",
                    "the name would lead out of " + directory, "Use a branch name, without '/' or '..'");
        }
        return new PgPassFile(file);
    }

    public Path path() {
        return path;
    }

    /** Writes (or replaces) the single line for this connection and user. */
    public void write(ConnectionDetails connection, String user, Secret password) {
        String line = String.join(":", escape(connection.host()), Integer.toString(connection.port()),
                escape(connection.database()), escape(user), escape(password.reveal())) + "\n";
        Path temporary = temporary();
        try {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, line, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Write the password file " + path, e.toString(),
                    "Check that the folder is writable", e);
        }
    }

    /**
     * Removes the file, and the temporary copy a rewrite cut short would have left (it holds a token too).
     *
     * @return whether there was a file
     */
    public boolean delete() throws IOException {
        boolean temporaryExisted = Files.deleteIfExists(temporary());
        return Files.deleteIfExists(path) || temporaryExisted;
    }

    private Path temporary() {
        return path.resolveSibling(path.getFileName() + ".tmp");
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
