package io.dbbranch.bench.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/** Moves table data with {@code COPY}: from generated CSV into a database, or from one database to another. */
public final class ShopLoader {
    private ShopLoader() {
    }

    /** Loads every table of {@code data} into the (migrated, empty) database of {@code connection}; returns rows loaded. */
    public static long load(Connection connection, ShopData data) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        for (TableData table : data.tables()) {
            CopyIn in = copy.copyIn(table.copyInSql());
            try {
                for (byte[] chunk : table.chunks()) {
                    in.writeToCopy(chunk, 0, chunk.length);
                }
                rows += in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
        return rows;
    }

    /**
     * Streams each table from {@code source} into {@code target} with {@code COPY … TO STDOUT} / {@code COPY … FROM
     * STDIN} in PostgreSQL's text format (what pg_dump and pg_restore use), parents before children. Both
     * databases must have the same schema.
     */
    public static long copyTables(Connection source, Connection target, List<String> tables) throws SQLException {
        CopyManager from = source.unwrap(PGConnection.class).getCopyAPI();
        CopyManager to = target.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        for (String table : tables) {
            CopyOut out = from.copyOut("COPY " + table + " TO STDOUT");
            CopyIn in = to.copyIn("COPY " + table + " FROM STDIN");
            try {
                byte[] buffer;
                while ((buffer = out.readFromCopy()) != null) {
                    in.writeToCopy(buffer, 0, buffer.length);
                }
                rows += in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
                if (out.isActive()) {
                    out.cancelCopy();
                }
            }
        }
        return rows;
    }
}
