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
    private PgJdbc() {
    }

    /** A new connection; the caller closes it. */
    public static Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL " + jdbcUrl, "08001");
        }
        return connection;
    }
}
