package io.dbbranch.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Who owns a database, read from the catalogs as the admin (its session's search_path pinned). */
final class DatabaseOwner {
    private DatabaseOwner() {
    }

    /** The owner's role name. */
    static String of(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT r.rolname FROM pg_catalog.pg_database d "
                + "JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) d.datdba WHERE d.datname OPERATOR(pg_catalog.=) ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("database '" + database + "' does not exist", "3D000");
                }
                return row.getString(1);
            }
        }
    }

    static boolean isSuperuser(Connection admin, String role) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) ?")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
