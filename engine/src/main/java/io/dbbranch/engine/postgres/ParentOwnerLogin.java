package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which login works on a parent itself ({@code migrateUpstream}, reading its restore points): one that owns its
 * objects, never the admin inside a database an untrusted role owns anything in.
 * <ul>
 *   <li>a database dbbranch made (a root or a branch, owned by its branch role of the same name) is worked on as that role:
 *       everything in it is first handed to the role, as for a new branch (objects an older version made there as the
 *       admin included), and the caller mints a credential for it, which replaces its previous token for new logins;</li>
 *   <li>a database the admin or a superuser owns is worked on as the admin, but only when no other role owns anything
 *       in it ({@code PERMISSION_DENIED} otherwise);</li>
 *   <li>a database another role owns gets no login: its owner's credentials must be given explicitly.</li>
 * </ul>
 */
final class ParentOwnerLogin {
    /** The login to use. */
    enum Choice {
        /** The parent's own branch role (of its name), which owns it and now everything in it. */
        BRANCH_ROLE,
        /** The admin. */
        ADMIN,
        /** None dbbranch may give. */
        NONE
    }

    private ParentOwnerLogin() {
    }

    static Choice choose(AdminConnections admin, String adminUser, String database, String asked) throws SQLException {
        try (Connection connection = admin.maintenance()) {
            String owner = ownerOf(connection, database);
            if (owner.equals(database) && BranchRoles.isOurs(connection, owner)) {
                try (Connection inParent = admin.open(database)) {
                    BranchRoles.takeOwnership(inParent, owner);
                }
                return Choice.BRANCH_ROLE;
            }
            if (owner.equals(adminUser) || isSuperuser(connection, owner)) {
                refuseUntrustedObjects(admin, database, asked);
                return Choice.ADMIN;
            }
            return Choice.NONE;
        }
    }

    private static void refuseUntrustedObjects(AdminConnections admin, String database, String asked) throws SQLException {
        List<String> others;
        try (Connection inDatabase = admin.open(database)) {
            others = otherOwners(inDatabase);
        }
        if (!others.isEmpty()) {
            throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, asked,
                    "the admin owns '" + database + "' but " + String.join(", ", others) + " own(s) objects in it, and the admin "
                            + "never works inside a database where roles it does not trust own objects (their functions could "
                            + "run with its rights)",
                    "Give the credentials of a login that owns the database's objects explicitly, or hand those objects to "
                            + "the admin");
        }
    }

    /** The owner's role name. */
    private static String ownerOf(Connection admin, String database) throws SQLException {
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

    /**
     * The roles, other than superusers and the login itself, that own a schema, relation, routine, type or operator in
     * the database {@code inDatabase} is connected to (on a session whose {@code search_path} is pinned).
     */
    private static List<String> otherOwners(Connection inDatabase) throws SQLException {
        String userSchema = " n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        List<String> owners = new ArrayList<>();
        try (PreparedStatement query = inDatabase.prepareStatement("SELECT DISTINCT r.rolname FROM ("
                + "SELECT n.nspowner AS owner FROM pg_catalog.pg_namespace n WHERE" + userSchema
                + " UNION SELECT c.relowner FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE" + userSchema
                + " UNION SELECT p.proowner FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE" + userSchema
                + " UNION SELECT t.typowner FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE" + userSchema
                + " UNION SELECT o.oprowner FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace WHERE" + userSchema
                + ") owned JOIN pg_catalog.pg_roles r ON r.oid = owned.owner "
                + "WHERE NOT r.rolsuper AND r.rolname <> CURRENT_USER AND r.rolname <> 'pg_database_owner' ORDER BY 1");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }

    private static boolean isSuperuser(Connection admin, String role) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) ?")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
