package io.dbbranch.cli.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** The demo's sample data and the few queries it runs. */
final class DemoCatalogue {
    /** How many rows the catalogue starts with. */
    static final int ROWS = 32;

    private DemoCatalogue() {
    }

    /** Creates {@code final_entities} with {@link #ROWS} rows. */
    static void load(Connection connection) throws SQLException {
        execute(connection,
                "CREATE TABLE final_entities (id bigint PRIMARY KEY, name text NOT NULL, kind text NOT NULL, "
                        + "created_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO final_entities (id, name, kind) SELECT g, 'entity ' || g, "
                        + "CASE WHEN g % 4 = 0 THEN 'archived' ELSE 'active' END FROM generate_series(1, " + ROWS + ") g");
    }

    /** Whether {@code final_entities} has that column (the migration adds {@code status}). */
    static boolean hasColumn(Connection connection, String column) throws SQLException {
        return queryLong(connection, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'final_entities' "
                + "AND column_name = '" + column.replace("'", "''") + "'") > 0;
    }

    static long count(Connection connection) throws SQLException {
        return queryLong(connection, "SELECT count(*) FROM final_entities");
    }

    /** The server's clock: the moment to restore to must be on the server's time line. */
    static Instant serverTime(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT clock_timestamp()")) {
            row.next();
            return row.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
