package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Proves a branch is really ready: a login with the minted credential and a {@code SELECT 1}. A provider
 * saying "ready" is not enough (an endpoint may still be waking, a role still propagating), so this retries
 * with growing pauses until the deadline; a database that does not exist fails at once.
 */
public final class ReadinessProbe {
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 2_000;

    /**
     * The login's database does not exist: it never will on this branch, since a branch has the databases its parent
     * had. Login failures (28000, 28P01) are retried instead: a role or token made through a platform's API reaches
     * its compute moments later (Neon's roles, Lakebase's credentials).
     */
    private static final String INVALID_CATALOG_NAME = "3D000";

    private ReadinessProbe() {
    }

    private static DbBranchException noSuchDatabase(ConnectionDetails connection, Credential credential, SQLException e) {
        return DbBranchException.of(ErrorCode.NOT_FOUND, "Connect to " + connection.hostPort() + "/" + connection.database()
                        + " as " + credential.user(),
                "the branch has no database '" + connection.database() + "' (SQLSTATE " + INVALID_CATALOG_NAME + ")",
                "Set the database to one its parent has: the connection's Database field in Jenkins; on the command line "
                        + "DBBRANCH_LAKEBASE_DATABASE or DBBRANCH_NEON_DATABASE (lakebase.database, neon.database in the config file)",
                e);
    }

    public static void await(ConnectionDetails connection, Credential credential, Duration timeout, Progress progress)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        SQLException last;
        while (true) {
            try (Connection session = open(connection, credential); Statement statement = session.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                    throw noSuchDatabase(connection, credential, e);
                }
                last = e;
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                throw DbBranchException.of(ErrorCode.TIMEOUT, "Connect to " + connection.hostPort() + "/" + connection.database()
                                + " as " + credential.user(),
                        "the branch did not accept a login within " + timeout.toSeconds() + " s; last error: " + last.getMessage(),
                        "Check the provider's status page, or raise the ready timeout", last);
            }
            progress.report(String.format("waiting for %s to accept logins (%.1f s): %s", connection.database(),
                    (System.nanoTime() - start) / 1e9, last.getMessage()));
            Thread.sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    public static Connection open(ConnectionDetails connection, Credential credential) throws SQLException {
        return open(connection, credential, new Properties());
    }

    /** As {@link #open(ConnectionDetails, Credential)}, with further pgjdbc {@code properties}. */
    public static Connection open(ConnectionDetails connection, Credential credential, Properties more) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(more);
        properties.setProperty("user", credential.user());
        properties.setProperty("password", credential.password().reveal());
        properties.setProperty("ApplicationName", "dbbranch-probe");
        properties.setProperty("connectTimeout", "10");
        return PgJdbc.connect(connection.jdbcUrl(), properties);
    }
}
