package io.dbbranch.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens PostgreSQL connections through pgjdbc's driver directly, never through {@code DriverManager}: where the engine
 * runs in a class loader of its own (a Jenkins plugin, an agent's remote class loader), {@code DriverManager} has not
 * registered pgjdbc and answers "No suitable driver".
 */
public final class PgJdbc {
    /**
     * The startup option that pins a privileged session's {@code search_path}: {@code pg_catalog} first, the session's
     * temporary schema last, nothing else. A role that owns objects in the database (a branch's role, a parent's owner)
     * can then not shadow a built-in function or operator our SQL calls unqualified. It is sent in the startup packet,
     * so it holds before pgjdbc's own first query and overrides {@code ALTER DATABASE/ROLE … SET search_path}.
     */
    public static final String PINNED_SEARCH_PATH = "-c search_path=pg_catalog,pg_temp";

    private PgJdbc() {
    }

    /**
     * A new connection for privileged work (an admin or superuser login): {@code properties} plus
     * {@link #PINNED_SEARCH_PATH} in front of any startup {@code options} they carry. The caller closes it.
     */
    public static Connection connectPrivileged(String jdbcUrl, Properties properties) throws SQLException {
        Properties pinned = new Properties();
        pinned.putAll(properties);
        String options = properties.getProperty("options");
        pinned.setProperty("options", options == null || options.isBlank() ? PINNED_SEARCH_PATH : options + " " + PINNED_SEARCH_PATH);
        return connect(jdbcUrl, pinned);
    }

    /**
     * A new connection; the caller closes it. Unless the caller says otherwise, pgjdbc is told the server is at least
     * 9.4 (every server we support is), so it sends {@code application_name} in the startup packet instead of a
     * {@code SET} after it: one round trip less for every connection a lease opens.
     */
    public static Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        Properties withVersion = new Properties();
        withVersion.putAll(properties);
        if (!jdbcUrl.contains("assumeMinServerVersion=")) {
            withVersion.putIfAbsent("assumeMinServerVersion", "9.4");
        }
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, withVersion);
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL " + jdbcUrl, "08001");
        }
        return connection;
    }
}
