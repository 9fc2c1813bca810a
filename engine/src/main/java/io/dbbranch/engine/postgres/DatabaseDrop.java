package io.dbbranch.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops a branch's database, ending the sessions in it, for a superuser admin and a non-superuser one alike.
 *
 * <p>{@code DROP DATABASE … WITH (FORCE)} checks, before ending anything, that the caller may signal every process in
 * the database. A non-superuser admin may signal the branch role's sessions (it is a member of each branch role, see
 * {@link BranchRoles}) but not an autovacuum worker, which advertises no role; on a busy server such a worker visits a
 * fresh branch often enough that the forced drop fails now and then, leaving the branch behind. So when the forced drop
 * is refused for want of privilege, the database is closed to new sessions (the autovacuum launcher skips it too), the
 * sessions the admin may end are ended, and a plain {@code DROP DATABASE} ends the autovacuum workers itself and waits
 * a few seconds for every session to go. A session of a role the admin holds no rights of still stops it, with
 * PostgreSQL's own message.
 */
final class DatabaseDrop {
    /** SQLSTATE insufficient_privilege, as the forced drop reports a process it may not signal. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String END_OWN_SESSIONS = "SELECT pg_catalog.pg_terminate_backend(a.pid) "
            + "FROM pg_catalog.pg_stat_activity a WHERE a.datname OPERATOR(pg_catalog.=) ? "
            + "AND a.pid OPERATOR(pg_catalog.<>) pg_catalog.pg_backend_pid() AND a.usesysid IS NOT NULL "
            + "AND pg_catalog.pg_has_role(a.usesysid, 'USAGE')";

    private DatabaseDrop() {
    }

    /** Drops {@code name} if it exists; {@code admin} is a maintenance connection with its search_path pinned. */
    static void dropIfExists(Connection admin, String name) throws SQLException {
        String database = SqlText.identifier(name);
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException refused) {
            if (!INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())) {
                throw refused;
            }
            try {
                closeAndDrop(admin, name, database);
            } catch (SQLException failed) {
                failed.addSuppressed(refused);
                throw failed;
            }
        }
    }

    private static void closeAndDrop(Connection admin, String name, String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
        }
        try (PreparedStatement end = admin.prepareStatement(END_OWN_SESSIONS)) {
            end.setString(1, name);
            end.execute();
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
    }
}
