package io.dbbranch.engine.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How a server copies a parent's files for a branch ({@code CREATE DATABASE … STRATEGY FILE_COPY}): block by block
 * ({@code copy}), or, from PostgreSQL 18 on with {@code file_copy_method = clone} on a file system that shares blocks,
 * by cloning each file, which takes about the same time whatever the parent's size.
 *
 * @param serverVersion  the server's {@code server_version}, e.g. {@code 18.1}
 * @param majorVersion   its major version, e.g. {@code 18}
 * @param fileCopyMethod {@code copy} or {@code clone}; {@code copy} before 18, which has no such setting
 */
public record DatabaseCopyMethod(String serverVersion, int majorVersion, String fileCopyMethod) {

    /** Whether branches' files are cloned rather than copied. */
    public boolean clones() {
        return "clone".equalsIgnoreCase(fileCopyMethod);
    }

    /** For people: {@code PostgreSQL 18.1, files cloned (file_copy_method = clone)}. */
    public String describe() {
        String how = clones() ? "files cloned (file_copy_method = clone)"
                : majorVersion >= 18 ? "files copied (file_copy_method = copy)" : "files copied (cloning needs PostgreSQL 18)";
        return "PostgreSQL " + serverVersion + ", " + how;
    }

    /** Reads it from a session of the server (any database, any login). */
    public static DatabaseCopyMethod of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String version;
            int number;
            try (ResultSet row = statement.executeQuery("SELECT pg_catalog.current_setting('server_version'), "
                    + "pg_catalog.current_setting('server_version_num')")) {
                row.next();
                version = row.getString(1);
                number = Integer.parseInt(row.getString(2));
            }
            int major = number / 10000;
            if (major < 18) {
                return new DatabaseCopyMethod(version, major, "copy");
            }
            try (ResultSet row = statement.executeQuery("SELECT pg_catalog.current_setting('file_copy_method')")) {
                row.next();
                return new DatabaseCopyMethod(version, major, row.getString(1));
            }
        }
    }
}
