package io.dbbranch.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * Deletes planner statistics of a branch's tables as the administrator. Safe in a database whose objects an untrusted
 * role owns: the search path is pinned, every name is schema-qualified, and the statements touch system catalogs
 * only, on which nobody can define triggers or rules.
 */
final class BranchStatistics {
    /** The tables and their partitions ({@code pg_partition_tree} lists nothing for a plain table, hence the union). */
    private static final String TABLES = "(SELECT r.oid FROM pg_catalog.unnest(?::pg_catalog.oid[]) AS r(oid) UNION "
            + "SELECT t.relid FROM pg_catalog.unnest(?::pg_catalog.oid[]) AS r(oid), LATERAL pg_catalog.pg_partition_tree(r.oid) AS t)";

    private BranchStatistics() {
    }

    static void clear(Connection branchAdmin, Collection<Long> tableOids) throws SQLException {
        try (Statement pin = branchAdmin.createStatement()) {
            pin.execute("SET search_path = pg_catalog, pg_temp");
        }
        Object[] oids = tableOids.toArray();
        for (String sql : new String[] {
                "DELETE FROM pg_catalog.pg_statistic WHERE starelid IN " + TABLES,
                "DELETE FROM pg_catalog.pg_statistic_ext_data WHERE stxoid IN (SELECT x.oid FROM pg_catalog.pg_statistic_ext x "
                        + "WHERE x.stxrelid IN " + TABLES + ")"}) {
            try (PreparedStatement delete = branchAdmin.prepareStatement(sql)) {
                delete.setArray(1, branchAdmin.createArrayOf("oid", oids));
                delete.setArray(2, branchAdmin.createArrayOf("oid", oids));
                delete.executeUpdate();
            }
        }
    }
}
