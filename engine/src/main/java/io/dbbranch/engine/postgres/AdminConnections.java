package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.spi.ConnectionDetails;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens short-lived admin connections; none is kept open, so no session of ours ever blocks a copy. */
final class AdminConnections {
    private final PostgresConfig config;

    AdminConnections(PostgresConfig config) {
        this.config = config;
    }

    /** A connection to the maintenance database. */
    Connection maintenance() {
        return open(config.adminDatabase());
    }

    /** A connection to {@code database}. */
    Connection open(String database) {
        Properties properties = new Properties();
        properties.setProperty("user", config.adminUser());
        properties.setProperty("password", config.adminPassword().reveal());
        properties.setProperty("ApplicationName", "dbbranch");
        properties.setProperty("connectTimeout", "10");
        try {
            return PgJdbc.connect(details(database).jdbcUrl(), properties);
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
            case PERMISSION_DENIED -> "Give the admin role CREATEDB and CREATEROLE, or use a superuser";
            case UNAVAILABLE -> "Check that the server is running and reachable";
            default -> "";
        };
        return DbBranchException.of(code, asked, e.getMessage() + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"), remedy, e);
    }
}
