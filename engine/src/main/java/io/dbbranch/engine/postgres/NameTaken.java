package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.SQLException;

/** A create that found its name taken: by a database or role there before it, or by another create at the same time. */
final class NameTaken {
    private NameTaken() {
    }

    /** {@code ALREADY_EXISTS}, naming a role when {@code cause} says the role's name was the one taken. */
    static DbBranchException error(String asked, SQLException cause) {
        boolean role = cause != null && ("42710".equals(cause.getSQLState()) || cause.getMessage().contains("pg_authid"));
        return DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a " + (role ? "role" : "database") + " of that name exists already",
                "Choose another name, or delete the old one first", cause);
    }

    /**
     * Whether a create failed because another one made the same database or role between our look and our
     * {@code CREATE}: {@code 42P04} (duplicate database), {@code 42710} (duplicate role), or {@code 23505} on the
     * catalogs' name index when both inserted at once. A loser at {@code CREATE DATABASE} has dropped the role it made
     * already; the database of that name is not its own, so it drops nothing more.
     */
    static boolean byRace(SQLException e) {
        String state = e.getSQLState();
        return "42P04".equals(state) || "42710".equals(state) || "23505".equals(state) && e.getMessage() != null
                && (e.getMessage().contains("pg_database_datname_index") || e.getMessage().contains("pg_authid_rolname_index"));
    }
}
