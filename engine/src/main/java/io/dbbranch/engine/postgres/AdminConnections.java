package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.spi.ConnectionDetails;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens short-lived admin connections. Sessions on a parent or branch are closed after their work, so no session of ours
 * ever blocks a copy; one idle session on the maintenance database (never a parent) is kept for a few seconds to spare
 * the next piece of work a login ({@link WarmSession}). Every one has its {@code search_path} pinned to
 * {@code pg_catalog, pg_temp} from its first statement ({@link PgJdbc#connectPrivileged}): the admin works inside
 * parents and branches whose objects untrusted roles own.
 */
final class AdminConnections {
    private final PostgresConfig config;
    private final WarmSession warm;
    private volatile boolean privilegesChecked;

    AdminConnections(PostgresConfig config) {
        this.config = config;
        this.warm = new WarmSession(() -> open(config.adminDatabase()));
    }

    /**
     * A connection to the maintenance database. The first one checks that the admin has the attributes it needs
     * ({@link AdminPrivileges#check}), so a provider with a weaker login fails on its first call with a message naming
     * what is missing, instead of halfway through a branch. For short work: closing it may keep the session warm for
     * the next caller, so it must be left as it came (auto-commit, no transaction, no session state).
     */
    Connection maintenance() {
        return checked(warm.take());
    }

    /** A session of its own on the maintenance database, for work that holds session state (advisory locks). */
    Connection dedicatedMaintenance() {
        return checked(open(config.adminDatabase()));
    }

    private Connection checked(Connection connection) {
        if (!privilegesChecked) {
            try {
                AdminPrivileges.check(connection);
                privilegesChecked = true;
            } catch (SQLException | RuntimeException e) {
                closeAfter(connection, e);
                if (e instanceof SQLException sql) {
                    throw failure("Check the admin role's attributes", sql);
                }
                throw (RuntimeException) e;
            }
        }
        return connection;
    }

    private static void closeAfter(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException closing) {
            cause.addSuppressed(closing);
        }
    }

    /** A connection to {@code database}. */
    Connection open(String database) {
        Properties properties = new Properties();
        properties.setProperty("user", config.adminUser());
        properties.setProperty("password", config.adminPassword().reveal());
        properties.setProperty("ApplicationName", "dbbranch");
        properties.setProperty("connectTimeout", "10");
        try {
            return PgJdbc.connectPrivileged(details(database).jdbcUrl(), properties);
        } catch (SQLException e) {
            throw failure("Connect to PostgreSQL at " + config.host() + ":" + config.port() + " as " + config.adminUser(), e);
        }
    }

    ConnectionDetails details(String database) {
        return new ConnectionDetails(config.host(), config.port(), database, config.sslMode());
    }

    /** Maps a JDBC failure to our exception with the SQL state kept in the message. */
    static DbBranchException failure(String asked, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ErrorCode code = switch (state) {
            case "28P01", "28000" -> ErrorCode.AUTHENTICATION;
            case "42501" -> ErrorCode.PERMISSION_DENIED;
            case "3D000", "42704" -> ErrorCode.NOT_FOUND;
            case "42P04", "42710" -> ErrorCode.ALREADY_EXISTS;
            case "55006", "55P03", "40P01" -> ErrorCode.CONFLICT;
            default -> state.startsWith("08") ? ErrorCode.UNAVAILABLE : ErrorCode.PROVIDER_ERROR;
        };
        String remedy = switch (code) {
            case AUTHENTICATION -> "Check the admin user and password";
            case PERMISSION_DENIED -> "Give the admin role CREATEDB and CREATEROLE; to branch a database dbbranch did not make, "
                    + "make the admin a member of its owner (GRANT <owner> TO <admin>)";
            case UNAVAILABLE -> "Check that the server is running and reachable";
            default -> "";
        };
        return DbBranchException.of(code, asked, e.getMessage() + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"), remedy, e);
    }
}
