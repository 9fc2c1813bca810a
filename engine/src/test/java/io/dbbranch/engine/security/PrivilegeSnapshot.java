package io.dbbranch.engine.security;

import io.dbbranch.engine.local.LocalCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who holds which privilege on a server: every role with an attribute beyond LOGIN ({@code SUPERUSER}, {@code CREATEDB},
 * {@code CREATEROLE}, {@code REPLICATION}, {@code BYPASSRLS}) with its attributes, and every role membership. Two
 * snapshots taken around an operation must be equal: nobody gained anything.
 */
record PrivilegeSnapshot(Set<String> privilegedRoles, Set<String> memberships) {

    static PrivilegeSnapshot of(LocalCluster cluster) {
        try (Connection admin = cluster.connectPinned("postgres"); Statement statement = admin.createStatement()) {
            return new PrivilegeSnapshot(
                    read(statement, "SELECT rolname || ':' || rolsuper || rolcreatedb || rolcreaterole || rolreplication || rolbypassrls "
                            + "FROM pg_catalog.pg_roles WHERE rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls"),
                    read(statement, "SELECT m.member::regrole::text || ' in ' || m.roleid::regrole::text FROM pg_catalog.pg_auth_members m"));
        } catch (SQLException e) {
            throw new IllegalStateException("reading privileges failed: " + e.getMessage(), e);
        }
    }

    private static Set<String> read(Statement statement, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
