package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a PostgreSQL server we administer.
 *
 * @param host            server host
 * @param port            server port
 * @param adminDatabase   the maintenance database the admin connects to (never a parent, so copies are not blocked)
 * @param adminUser       a role with CREATEDB and CREATEROLE; no superuser needed (see docs/security.md)
 * @param adminPassword   its password
 * @param sslMode         libpq sslmode for admin and branch connections
 * @param parentBusyWait  how long to wait for other sessions to leave a parent before failing the copy
 * @param owner           who we are, recorded in branch labels (controller URL, or cli@host)
 */
public record PostgresConfig(String host, int port, String adminDatabase, String adminUser, Secret adminPassword,
                             String sslMode, Duration parentBusyWait, String owner) {

    public PostgresConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        adminDatabase = adminDatabase == null ? "postgres" : adminDatabase;
        sslMode = sslMode == null ? "prefer" : sslMode;
        parentBusyWait = parentBusyWait == null ? Duration.ofSeconds(10) : parentBusyWait;
        owner = owner == null ? "unknown" : owner;
    }

    /**
     * Reads host, port and maintenance database from a JDBC URL such as
     * {@code jdbc:postgresql://db.example.com:5432/postgres?sslmode=require}.
     */
    public static PostgresConfig fromJdbcUrl(String jdbcUrl, String adminUser, Secret adminPassword, String owner) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Connect to PostgreSQL at '" + jdbcUrl + "'",
                    "that is not a PostgreSQL JDBC URL", "Write it as jdbc:postgresql://host:5432/postgres");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String sslMode = null;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.startsWith("sslmode=")) {
                    sslMode = pair.substring("sslmode=".length());
                }
            }
        }
        return new PostgresConfig(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, adminUser,
                adminPassword, sslMode, null, owner);
    }

    public PostgresConfig withParentBusyWait(Duration wait) {
        return new PostgresConfig(host, port, adminDatabase, adminUser, adminPassword, sslMode, wait, owner);
    }
}
