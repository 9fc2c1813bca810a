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

    public Path path() {
        return path;
    }

    /** Writes (or replaces) the single line for this connection and user. */
    public void write(ConnectionDetails connection, String user, Secret password) {
        String line = String.join(":", escape(connection.host()), Integer.toString(connection.port()),
                escape(connection.database()), escape(user), escape(password.reveal())) + "\n";
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
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

    /** Removes the file; missing is fine. */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
