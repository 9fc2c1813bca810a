package io.dbbranch.bench.support;

import io.dbbranch.engine.lease.BranchLease;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Logs in to a leased branch as a build would, with the lease's credential, and runs one query. */
public final class BranchLogin {
    private BranchLogin() {
    }

    /** Logs in, runs {@code sql} (one row expected) and returns how long it all took, in nanoseconds. */
    public static long query(BranchLease lease, String sql) throws SQLException {
        long start = System.nanoTime();
        Properties login = new Properties();
        login.setProperty("user", lease.credential().user());
        login.setProperty("password", lease.credential().password().reveal());
        login.setProperty("ApplicationName", "dbbranch-bench");
        try (Connection connection = DriverManager.getConnection(lease.connection().jdbcUrl(), login);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
        }
        return System.nanoTime() - start;
    }
}
