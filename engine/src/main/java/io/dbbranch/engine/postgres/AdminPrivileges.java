package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the admin login may do. It needs {@code CREATEDB} (to copy parents) and {@code CREATEROLE} (to make branch
 * roles); it need not be a superuser, and should not be on a server dbbranch shares with others. A non-superuser admin
 * is made a member of each role it creates ({@link #joinRole}), which PostgreSQL 16+ requires before the admin may
 * hand a database or its objects to that role ({@code ALTER … OWNER TO}), copy a database that role owns, or drop it.
 *
 * @param login     the admin's role name
 * @param superuser whether it is a superuser
 */
record AdminPrivileges(String login, boolean superuser) {

    /**
     * Reads the admin's attributes and refuses a login that lacks one it needs.
     *
     * @throws DbBranchException {@code PERMISSION_DENIED} naming every missing attribute
     */
    static AdminPrivileges check(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SELECT rolname, rolsuper, rolcreatedb, rolcreaterole "
                     + "FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER")) {
            row.next();
            AdminPrivileges privileges = new AdminPrivileges(row.getString(1), row.getBoolean(2));
            List<String> missing = new ArrayList<>();
            if (!privileges.superuser() && !row.getBoolean(3)) {
                missing.add("CREATEDB");
            }
            if (!privileges.superuser() && !row.getBoolean(4)) {
                missing.add("CREATEROLE");
            }
            if (!missing.isEmpty()) {
                throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, "Administer branches as '" + privileges.login() + "'",
                        "that role lacks " + String.join(" and ", missing) + ", which dbbranch needs to copy databases and "
                                + "make a login role for each branch",
                        "Run ALTER ROLE " + SqlText.identifier(privileges.login()) + " " + String.join(" ", missing)
                                + " as a superuser (a superuser is not needed)");
            }
            return privileges;
        }
    }

    /**
     * The statement that makes the admin, when it is not a superuser, a member of {@code role} (a role it just created, on
     * which PostgreSQL gave it the ADMIN option). Membership goes one way: the admin gains the branch role's rights, never
     * the reverse.
     */
    static String joinRole(String role) {
        return "GRANT " + SqlText.identifier(role) + " TO CURRENT_USER";
    }
}
