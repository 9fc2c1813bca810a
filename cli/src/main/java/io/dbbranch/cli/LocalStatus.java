package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.postgres.DatabaseCopyMethod;
import io.dbbranch.engine.spi.ConnectionDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The local cluster as {@code dbbranch local status} shows it. The URLs carry the admin password and are printed in
 * JSON only (a script asked for them); people see the password file instead.
 *
 * @param pgVersion      the server's version when it runs (e.g. {@code 18.1}), else its major version
 * @param fileCopyMethod how the running server copies a parent's files for a branch: {@code clone} or {@code copy}
 *                       (see {@link DatabaseCopyMethod}); {@code null} when it is not running
 * @param url            {@code postgresql://postgres:<password>@127.0.0.1:<port>/<database>?sslmode=disable}, for psql and libpq
 * @param jdbcUrl        the same for JDBC
 */
record LocalStatus(String home, boolean initialized, boolean running, Integer port, String pgVersion, String fileCopyMethod,
                   String adminUser, String passwordFile, String url, String jdbcUrl, String serverLog) {

    static LocalStatus of(LocalHome home, LocalCluster cluster, String database) {
        OptionalInt port = cluster.runningPort();
        String url = null;
        String jdbcUrl = null;
        String version = String.valueOf(cluster.major().number());
        String copyMethod = null;
        if (port.isPresent()) {
            DatabaseCopyMethod method = copyMethod(cluster);
            version = method.serverVersion();
            copyMethod = method.fileCopyMethod();
            ConnectionDetails details = new ConnectionDetails("127.0.0.1", port.getAsInt(), database, "disable");
            String password = encode(cluster.adminPassword().reveal());
            url = "postgresql://" + LocalCluster.ADMIN_USER + ":" + password + "@" + details.hostPort() + "/"
                    + encode(database) + "?sslmode=disable";
            jdbcUrl = details.jdbcUrl() + "&user=" + LocalCluster.ADMIN_USER + "&password=" + password;
        }
        return new LocalStatus(home.path().toString(), cluster.isInitialized(), port.isPresent(),
                port.isPresent() ? port.getAsInt() : null, version, copyMethod, LocalCluster.ADMIN_USER,
                cluster.directory().resolve("admin.password").toString(), url, jdbcUrl, cluster.logFile().toString());
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("home", home);
        fields.put("state", running ? "running" : initialized ? "stopped" : "not created yet");
        fields.put("postgres", pgVersion);
        if (running) {
            fields.put("branch copies", "clone".equals(fileCopyMethod)
                    ? "cloned files (file_copy_method = clone: the file system shares blocks)"
                    : "plain file copies (" + (pgVersion.startsWith("17") ? "cloning needs PostgreSQL 18"
                            : "this file system cannot clone files") + ")");
            fields.put("port", port);
            fields.put("admin user", adminUser);
            fields.put("admin password", "in " + passwordFile + " (or use --json for a URL with it)");
            fields.put("url", url.replaceFirst(":[^:@/]+@", ":****@"));
        }
        fields.put("server log", serverLog);
        return fields;
    }

    private static DatabaseCopyMethod copyMethod(LocalCluster cluster) {
        try (Connection admin = cluster.connectPinned("postgres")) {
            return DatabaseCopyMethod.of(admin);
        } catch (SQLException e) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, "Read the local server's version and copy method",
                    e.getMessage(), "See " + cluster.logFile(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
