package io.dbbranch.testkit.neon;

import io.dbbranch.testkit.emulator.BackingPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Neon roles as real login roles of the backing server. Neon passwords do not expire, so the role is valid until it
 * is dropped; it may connect to its branch's database only. All branches share one server, so a role name can
 * belong to one branch at a time (on Neon each branch has its own roles).
 */
final class LoginRoles {
    private final BackingPostgres postgres;

    LoginRoles(BackingPostgres postgres) {
        this.postgres = postgres;
    }

    boolean exists(String role) throws SQLException {
        try (Connection connection = postgres.cluster().connectAdmin("postgres");
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Makes (or updates) the role with this password, able to log in to {@code database}. */
    void grant(String role, String password, String database) throws SQLException {
        postgres.grantLogin(role, password, BackingPostgres.NO_EXPIRY, database);
    }

    /** Takes the role's access to {@code database} away (its data stays). */
    void revoke(String role, String database) throws SQLException {
        postgres.adminExecute("postgres", "REVOKE ALL ON DATABASE " + BackingPostgres.quote(database) + " FROM "
                + BackingPostgres.quote(role));
    }

    /** Disconnects the role's sessions and drops it with everything it owns or was granted, wherever that is. */
    void drop(String role) throws SQLException {
        if (!exists(role)) {
            return;
        }
        postgres.adminExecute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = "
                + BackingPostgres.literal(role));
        for (String database : databasesWithObjectsOf(role)) {
            postgres.adminExecute(database, "DROP OWNED BY " + BackingPostgres.quote(role));
        }
        for (String database : databasesGrantedTo(role)) {
            revoke(role, database);
        }
        postgres.adminExecute("postgres", "DROP ROLE IF EXISTS " + BackingPostgres.quote(role));
    }

    private List<String> databasesWithObjectsOf(String role) throws SQLException {
        return names(role, "SELECT DISTINCT d.datname FROM pg_shdepend s JOIN pg_database d ON d.oid = s.dbid "
                + "WHERE s.refobjid = (SELECT oid FROM pg_roles WHERE rolname = ?) AND s.refclassid = 'pg_authid'::regclass");
    }

    private List<String> databasesGrantedTo(String role) throws SQLException {
        return names(role, "SELECT d.datname FROM pg_shdepend s JOIN pg_database d ON d.oid = s.objid "
                + "WHERE s.dbid = 0 AND s.classid = 'pg_database'::regclass "
                + "AND s.refobjid = (SELECT oid FROM pg_roles WHERE rolname = ?)");
    }

    private List<String> names(String role, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = postgres.cluster().connectAdmin("postgres");
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, role);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
        }
        return names;
    }
}
