package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The login role of a branch. Each branch database has one role of the same name that owns the database and
 * every object in it, may connect to it and nowhere else that is not public, and whose password is the
 * current JWT with {@code VALID UNTIL} equal to the token's expiry, so PostgreSQL itself refuses an expired
 * token at login. Re-minting replaces the password (PostgreSQL keeps one per role): the previous token stops
 * working for new logins, which is why long builds read the rewritten {@code PGPASSFILE}.
 */
final class BranchRoles {
    /** Marks roles we made, so we never drop a role we did not create. */
    static final String ROLE_COMMENT = "dbbranch branch role";

    /**
     * Hands every object in the branch to its role. {@code REASSIGN OWNED} is not used on purpose: it would
     * also hand over shared objects, i.e. other databases the old owner owns.
     */
    private static final String TRANSFER_OWNERSHIP = """
            DO $transfer$
            DECLARE r record; target text := %s;
            BEGIN
              FOR r IN SELECT n.nspname FROM pg_namespace n
                       WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                                         AND d.objid = n.oid AND d.deptype = 'e')
              LOOP EXECUTE format('ALTER SCHEMA %%I OWNER TO %%I', r.nspname, target); END LOOP;
              FOR r IN SELECT c.oid::regclass AS obj, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                         AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                         AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
              LOOP EXECUTE format('ALTER %%s %%s OWNER TO %%I',
                     CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                                    WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.obj, target); END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS obj FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                         AND d.objid = p.oid AND d.deptype = 'e')
              LOOP EXECUTE format('ALTER ROUTINE %%s OWNER TO %%I', r.obj, target); END LOOP;
              FOR r IN SELECT t.oid::regtype AS obj FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                       WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                         AND t.typtype IN ('e', 'd', 'r', 'm')
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                         AND d.objid = t.oid AND d.deptype IN ('e', 'i'))
              LOOP EXECUTE format('ALTER TYPE %%s OWNER TO %%I', r.obj, target); END LOOP;
            END
            $transfer$""";

    private BranchRoles() {
    }

    /** Creates the branch's role (no password yet: it cannot log in until a token is minted). */
    static void create(Connection admin, String branch) throws SQLException {
        // A role of ours without its database is a leftover of a crashed teardown: replace it.
        dropIfOurs(admin, branch);
        if (exists(admin, branch)) {
            throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, "Create the login role of branch '" + branch + "'",
                    "a role of that name exists already on the server and dbbranch did not make it",
                    "Choose another branch name, or drop that role if it is a leftover");
        }
        try (Statement statement = admin.createStatement()) {
            String role = SqlText.identifier(branch);
            statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
            statement.execute("COMMENT ON ROLE " + role + " IS " + SqlText.literal(ROLE_COMMENT));
            statement.execute("ALTER DATABASE " + role + " OWNER TO " + role);
            // Only the branch's own role may connect, not every role on the server.
            statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + role + " FROM PUBLIC");
        }
    }

    /** Makes the role the owner of every object copied from the parent; run in the branch database. */
    static void takeOwnership(Connection branchAdmin, String branch) throws SQLException {
        try (Statement statement = branchAdmin.createStatement()) {
            statement.execute(String.format(TRANSFER_OWNERSHIP, SqlText.literal(branch)));
        }
    }

    /** Sets the role's password to {@code token}, valid until {@code expiresAt}. */
    static void setPassword(Connection admin, String branch, Secret token, Instant expiresAt) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE " + SqlText.identifier(branch) + " PASSWORD " + SqlText.literal(token.reveal())
                    + " VALID UNTIL " + SqlText.literal(expiresAt.toString()));
        }
    }

    /** Drops the role if it is one of ours. */
    static void dropIfOurs(Connection admin, String branch) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, branch);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !ROLE_COMMENT.equals(row.getString(1))) {
                    return;
                }
            }
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + SqlText.identifier(branch));
        }
    }

    private static boolean exists(Connection admin, String role) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }
}
