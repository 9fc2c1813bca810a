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
 * current JWT (sent as its SCRAM verifier, see {@link ScramVerifier}) with {@code VALID UNTIL} equal to the token's
 * expiry, so PostgreSQL itself refuses an expired token at login. Re-minting replaces the password (PostgreSQL keeps
 * one per role): the previous token stops working for new logins, which is why long builds read the rewritten
 * {@code PGPASSFILE}.
 */
final class BranchRoles {
    /** Marks roles we made, so we never drop a role we did not create. */
    static final String ROLE_COMMENT = "dbbranch branch role";

    /**
     * Hands every object in the branch to its role. {@code REASSIGN OWNED} is not used on purpose: it would
     * also hand over shared objects, i.e. other databases the old owner owns. Objects the role owns already are left
     * alone: {@code ALTER … OWNER} locks its table even when nothing changes, and a parent in use should not wait for us.
     *
     * <p>This runs as the admin inside a database whose objects an untrusted role owns (the parent's owner made
     * them), so it first pins {@code search_path} for its own transaction and calls nothing unqualified: a
     * {@code public.format(text, name, text)} planted in the parent would otherwise be a better match than
     * {@code pg_catalog.format(text, VARIADIC "any")} and run as the admin.
     */
    private static final String TRANSFER_OWNERSHIP = """
            DO $transfer$
            DECLARE r record; target text := %s;
            BEGIN
              PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
              FOR r IN SELECT n.nspname FROM pg_catalog.pg_namespace n
                       WHERE n.nspname OPERATOR(pg_catalog.!~~) 'pg\\_%%' AND n.nspname OPERATOR(pg_catalog.<>) 'information_schema'
                         AND pg_catalog.pg_get_userbyid(n.nspowner) OPERATOR(pg_catalog.<>) target
                         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                         WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
                                         AND d.objid OPERATOR(pg_catalog.=) n.oid AND d.deptype OPERATOR(pg_catalog.=) 'e')
              LOOP EXECUTE pg_catalog.format('ALTER SCHEMA %%I OWNER TO %%I', r.nspname, target); END LOOP;
              FOR r IN SELECT c.oid::pg_catalog.regclass AS obj, c.relkind FROM pg_catalog.pg_class c
                       JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
                       WHERE n.nspname OPERATOR(pg_catalog.!~~) 'pg\\_%%' AND n.nspname OPERATOR(pg_catalog.<>) 'information_schema'
                         AND pg_catalog.pg_get_userbyid(c.relowner) OPERATOR(pg_catalog.<>) target
                         AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p,v,m,f,S}'::pg_catalog.char[])
                         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                         WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                                         AND d.objid OPERATOR(pg_catalog.=) c.oid
                                         AND d.deptype OPERATOR(pg_catalog.=) ANY ('{a,i,e}'::pg_catalog.char[]))
              LOOP EXECUTE pg_catalog.format('ALTER %%s %%s OWNER TO %%I',
                     CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                                    WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.obj, target); END LOOP;
              FOR r IN SELECT p.oid::pg_catalog.regprocedure AS obj FROM pg_catalog.pg_proc p
                       JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
                       WHERE n.nspname OPERATOR(pg_catalog.!~~) 'pg\\_%%' AND n.nspname OPERATOR(pg_catalog.<>) 'information_schema'
                         AND pg_catalog.pg_get_userbyid(p.proowner) OPERATOR(pg_catalog.<>) target
                         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                         WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                                         AND d.objid OPERATOR(pg_catalog.=) p.oid AND d.deptype OPERATOR(pg_catalog.=) 'e')
              LOOP EXECUTE pg_catalog.format('ALTER ROUTINE %%s OWNER TO %%I', r.obj, target); END LOOP;
              FOR r IN SELECT t.oid::pg_catalog.regtype AS obj FROM pg_catalog.pg_type t
                       JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) t.typnamespace
                       WHERE n.nspname OPERATOR(pg_catalog.!~~) 'pg\\_%%' AND n.nspname OPERATOR(pg_catalog.<>) 'information_schema'
                         AND pg_catalog.pg_get_userbyid(t.typowner) OPERATOR(pg_catalog.<>) target
                         AND t.typtype OPERATOR(pg_catalog.=) ANY ('{e,d,r,m}'::pg_catalog.char[])
                         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                         WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
                                         AND d.objid OPERATOR(pg_catalog.=) t.oid
                                         AND d.deptype OPERATOR(pg_catalog.=) ANY ('{e,i}'::pg_catalog.char[]))
              LOOP EXECUTE pg_catalog.format('ALTER TYPE %%s OWNER TO %%I', r.obj, target); END LOOP;
            END
            $transfer$""";

    private BranchRoles() {
    }

    /**
     * Creates the branch's role (no password yet: it cannot log in until a token is minted), commented with the
     * branch's labels in the same transaction, and lets the admin act as it. This is the first thing a branch is: the
     * role is its intent record, so a process killed at any later instant leaves a role the reaper recognises as ours
     * and of which owner ({@link BranchCatalog#list}); a role without our comment is never one we made.
     */
    static void createLabelled(Connection admin, String branch, String labelsJson) throws SQLException {
        RoleFound found = find(admin, branch);
        // A role of ours without labels and without its database is a leftover of an older version's crashed teardown.
        if (found.isOurs() && ROLE_COMMENT.equals(found.comment())) {
            dropIfOurs(admin, branch);
        } else if (found.exists()) {
            throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, "Create the login role of branch '" + branch + "'",
                    "a role of that name exists already on the server",
                    "Choose another name; if it is what a killed run left, dbbranch reap removes it once expired, "
                            + "or dbbranch delete " + branch + " now");
        }
        String role = SqlText.identifier(branch);
        try (Statement statement = admin.createStatement()) {
            // One round trip and one transaction: pgjdbc sends the statements together, before one Sync, and the server
            // runs what comes before a Sync as one transaction, so the role never exists without its comment.
            statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;\n"
                    + "COMMENT ON ROLE " + role + " IS " + SqlText.literal(ROLE_COMMENT + "\n" + labelsJson)
                    + (found.adminIsSuperuser() ? "" : ";\n" + AdminPrivileges.joinRole(branch)));
        }
    }

    /**
     * Makes the role the owner of its database and the only role that may connect to it, in one round trip and one
     * transaction with {@code labelling}, the statement that writes the database's labels
     * ({@link BranchCatalog#labelStatement}).
     */
    static void ownDatabase(Connection admin, String branch, String labelling) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            String role = SqlText.identifier(branch);
            // Only the branch's own role may connect, not every role on the server.
            statement.execute(labelling + ";\nALTER DATABASE " + role + " OWNER TO " + role
                    + ";\nREVOKE CONNECT, TEMPORARY ON DATABASE " + role + " FROM PUBLIC");
        }
    }

    /** Makes the role the owner of every object copied from the parent; run in the branch database. */
    static void takeOwnership(Connection branchAdmin, String branch) throws SQLException {
        try (Statement statement = branchAdmin.createStatement()) {
            // One round trip: pgjdbc sends both statements at once.
            statement.execute("SET search_path = pg_catalog, pg_temp;\n"
                    + String.format(TRANSFER_OWNERSHIP, SqlText.literal(branch)));
        }
    }

    /**
     * Sets the role's password to {@code token}, valid until {@code expiresAt}; only for a role we made for a branch.
     *
     * @throws DbBranchException {@code PERMISSION_DENIED} for any other role (the superuser, the admin, an application's
     *                           role): a credential replaces the role's password, so minting one for such a role would lock
     *                           its owner out and hand a build the keys to the server
     */
    static void setPassword(Connection admin, String branch, Secret token, Instant expiresAt) throws SQLException {
        requireOurs(admin, branch);
        try (Statement statement = admin.createStatement()) {
            // The verifier, not the token: the statement may be logged (log_statement = ddl) or kept in statistics.
            statement.execute("ALTER ROLE " + SqlText.identifier(branch) + " PASSWORD "
                    + SqlText.literal(ScramVerifier.of(token)) + " VALID UNTIL " + SqlText.literal(expiresAt.toString()));
        }
    }

    /** Drops the role if it is one of ours; returns whether it did. */
    static boolean dropIfOurs(Connection admin, String branch) throws SQLException {
        if (!isOurs(admin, branch)) {
            return false;
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + SqlText.identifier(branch));
        }
        return true;
    }

    /**
     * Whether {@code comment} is the one we put on a role we made: {@link #ROLE_COMMENT} alone (roles made before roles
     * carried labels) or followed by a line with the branch's labels.
     */
    static boolean isOurComment(String comment) {
        return comment != null && (comment.equals(ROLE_COMMENT) || comment.startsWith(ROLE_COMMENT + "\n"));
    }

    /** The labels JSON a comment of ours carries, or {@code null}. */
    static String labelsIn(String comment) {
        return isOurComment(comment) && comment.length() > ROLE_COMMENT.length() ? comment.substring(ROLE_COMMENT.length() + 1) : null;
    }

    /**
     * Whether {@code role} is a plain login role dbbranch made for a branch: our comment on it, and none of the
     * attributes we never give one (a role someone later made a superuser is not ours to hand out any more).
     */
    static boolean isOurs(Connection admin, String role) throws SQLException {
        return find(admin, role).isOurs();
    }

    private static void requireOurs(Connection admin, String role) throws SQLException {
        if (!isOurs(admin, role)) {
            throw DbBranchException.of(ErrorCode.PERMISSION_DENIED, "Mint a credential for '" + role + "'",
                    "'" + role + "' is not a login role dbbranch made for a branch (those carry the comment '" + ROLE_COMMENT
                            + "' and no superuser, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS attribute); a credential "
                            + "replaces the role's password, so dbbranch mints them for its own branch roles only",
                    "Ask for a branch or a root database dbbranch made (dbbranch list shows them)");
        }
    }

    /**
     * What the server knows of {@code role}, and whether the admin is a superuser (which decides whether it must join the
     * roles it makes), in one round trip.
     */
    private static RoleFound find(Connection admin, String role) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT a.rolsuper, r.oid IS NOT NULL, "
                + "pg_catalog.shobj_description(r.oid, 'pg_authid'), "
                + "r.rolsuper OR r.rolcreatedb OR r.rolcreaterole OR r.rolreplication OR r.rolbypassrls "
                + "FROM pg_catalog.pg_roles a LEFT JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) ? "
                + "WHERE a.rolname OPERATOR(pg_catalog.=) CURRENT_USER")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new RoleFound(row.getBoolean(1), row.getBoolean(2), row.getString(3), row.getBoolean(4));
            }
        }
    }

    /** {@link #find}: {@code comment} is {@code null} and {@code privileged} false when the role does not exist. */
    private record RoleFound(boolean adminIsSuperuser, boolean exists, String comment, boolean privileged) {
        boolean isOurs() {
            return exists && isOurComment(comment) && !privileged;
        }
    }
}
