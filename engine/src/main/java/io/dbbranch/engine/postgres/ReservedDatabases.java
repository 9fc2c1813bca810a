package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * Databases that are never a parent: the server's maintenance database ({@code postgres}, and the one the admin
 * connects to) and templates ({@code template0}, {@code template1}, any database marked {@code datistemplate}; dbbranch
 * marks none). A branch of one would copy what every new database starts from, or the place the admin works in, and
 * hand its role ownership of it.
 */
final class ReservedDatabases {
    private static final Set<String> NAMES = Set.of("postgres", "template0", "template1");

    private ReservedDatabases() {
    }

    /**
     * @throws DbBranchException {@code INVALID_REQUEST} when {@code parent} is reserved
     */
    static void refuseAsParent(Connection admin, String parent, String maintenanceDatabase, String asked) throws SQLException {
        boolean reserved = NAMES.contains(parent) || parent.equals(maintenanceDatabase) || isTemplate(admin, parent);
        if (reserved) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                    "'" + parent + "' is the server's maintenance database or a template, which are never branched",
                    "Branch a database of your own: create one with 'dbbranch create <name>' and load it, then branch that");
        }
    }

    private static boolean isTemplate(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT datistemplate FROM pg_catalog.pg_database WHERE datname OPERATOR(pg_catalog.=) ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
