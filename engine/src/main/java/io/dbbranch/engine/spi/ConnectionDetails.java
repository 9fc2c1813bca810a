package io.dbbranch.engine.spi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Where a branch accepts connections. Holds no secret.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param database database name inside the server
 * @param sslMode  libpq {@code sslmode} ({@code disable}, {@code prefer}, {@code require}, …)
 * @param extras   provider-specific extra values (e.g. {@code pooledHost}); published as extra variables
 */
public record ConnectionDetails(String host, int port, String database, String sslMode, Map<String, String> extras) {

    public ConnectionDetails {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        sslMode = sslMode == null ? "prefer" : sslMode;
        extras = extras == null ? Map.of() : Map.copyOf(extras);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public ConnectionDetails(String host, int port, String database, String sslMode) {
        this(host, port, database, sslMode, Map.of());
    }

    /** A pgjdbc URL without credentials, e.g. {@code jdbc:postgresql://h:5432/db?sslmode=require}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostPort() + "/" + encode(database) + "?sslmode=" + sslMode;
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
