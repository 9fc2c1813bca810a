package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Empties tables in one {@code TRUNCATE} statement, with their triggers off, inside the caller's transaction.
 * No {@code CASCADE}: a table that is kept and references an emptied one stops the statement with PostgreSQL's own
 * message, instead of being emptied behind the user's back.
 */
final class Truncation {
    private static final String RESET_SEQUENCES = """
            SELECT pg_catalog.count(pg_catalog.setval(s.seqrelid, s.seqstart, false))
            FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                              AND d.objid = s.seqrelid AND (d.deptype = 'e' OR (d.deptype IN ('a', 'i') AND d.refobjid = ANY (?))))""";

    private Truncation() {
    }

    /**
     * The server's detail of a refused TRUNCATE ("Table "x" references "y"."): the masking session keeps details out of
     * messages, since others can quote a row, but this one names tables only, which is what the user must change.
     */
    private static String tablesDetail(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null || server.getDetail() == null ? "" : " (" + server.getDetail() + ")";
    }

    static void truncate(Connection session, List<DataCatalog.Table> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        List<TriggerSwitch> switches = new ArrayList<>();
        for (DataCatalog.Table table : tables) {
            switches.add(TriggerSwitch.off(session, table));
        }
        try (Statement statement = session.createStatement()) {
            statement.execute("TRUNCATE " + tables.stream().map(DataCatalog.Table::quoted).collect(Collectors.joining(", ")));
        } catch (SQLException e) {
            if ("0A000".equals(e.getSQLState())) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Empty the branch's tables but the kept ones",
                        e.getMessage().replace('\n', ' ') + tablesDetail(e), "Keep the rows of the tables a kept table references too (keepData), or do not keep it", e);
            }
            throw e;
        }
        for (TriggerSwitch triggers : switches) {
            triggers.restore(session);
        }
    }

    /** Restarts every sequence but those owned by a column of {@code kept}; returns how many. */
    static long resetSequences(Connection session, List<DataCatalog.Table> kept) throws SQLException {
        try (PreparedStatement reset = session.prepareStatement(RESET_SEQUENCES)) {
            reset.setArray(1, session.createArrayOf("oid", kept.stream().map(DataCatalog.Table::oid).toArray()));
            try (var rows = reset.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
