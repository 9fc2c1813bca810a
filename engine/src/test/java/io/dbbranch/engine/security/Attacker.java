package io.dbbranch.engine.security;

import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * An untrusted role that owns a database (a branch's role, or a parent's owner) and plants in it functions and
 * operators that shadow the built-ins privileged SQL might call unqualified: {@code format}, {@code quote_ident},
 * {@code shobj_description}, {@code pg_create_restore_point}, and {@code =} on {@code (oid, regclass)} and
 * {@code (name, varchar)}. Each one, when called, writes who ran it ({@code current_user}, {@code session_user}) into a
 * table of the attacker's, and tries to make the attacker a superuser, give it CREATEDB/CREATEROLE and the server-file
 * roles. They are SECURITY INVOKER: they run with the rights of whoever calls them.
 */
final class Attacker {
    private Attacker() {
    }

    /** Logs in to {@code database} as {@code credential}'s role and plants everything there. */
    static void plant(ConnectionDetails database, Credential credential) {
        String me = '"' + credential.user().replace("\"", "\"\"") + '"';
        List<String> sql = List.of(
                "CREATE TABLE public.trap (ran_as text, session_as text, what text)",
                "GRANT INSERT ON public.trap TO PUBLIC",
                "CREATE FUNCTION public.trap_spring(what text) RETURNS void LANGUAGE plpgsql AS $f$ BEGIN "
                        + "BEGIN INSERT INTO public.trap VALUES (current_user, session_user, what); EXCEPTION WHEN others THEN NULL; END; "
                        + "BEGIN EXECUTE 'ALTER ROLE " + me.replace("'", "''") + " SUPERUSER'; EXCEPTION WHEN others THEN NULL; END; "
                        + "BEGIN EXECUTE 'ALTER ROLE " + me.replace("'", "''") + " CREATEDB CREATEROLE BYPASSRLS'; EXCEPTION WHEN others THEN NULL; END; "
                        + "BEGIN EXECUTE 'GRANT pg_read_server_files, pg_write_server_files, pg_execute_server_program TO "
                        + me.replace("'", "''") + "'; EXCEPTION WHEN others THEN NULL; END; "
                        + "END $f$",
                shadow("format(f text, a name, b text)", "text", "format", "pg_catalog.format(f, a, b)"),
                shadow("format(f text, a text, b regclass, c text)", "text", "format", "pg_catalog.format(f, a, b, c)"),
                shadow("format(f text, a regprocedure, b text)", "text", "format", "pg_catalog.format(f, a, b)"),
                shadow("format(f text, a regtype, b text)", "text", "format", "pg_catalog.format(f, a, b)"),
                shadow("quote_ident(a text)", "text", "quote_ident", "pg_catalog.quote_ident(a)"),
                shadow("shobj_description(a oid, b text)", "text", "shobj_description", "pg_catalog.shobj_description(a, b::name)"),
                shadow("pg_create_restore_point(a varchar)", "pg_lsn", "pg_create_restore_point", "pg_catalog.pg_create_restore_point(a)"),
                shadow("trap_eq_oid(a oid, b regclass)", "boolean", "= (oid, regclass)", "a OPERATOR(pg_catalog.=) b::oid"),
                "CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = regclass, FUNCTION = public.trap_eq_oid)",
                shadow("trap_eq_name(a name, b varchar)", "boolean", "= (name, varchar)", "a OPERATOR(pg_catalog.=) b::name"),
                "CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = varchar, FUNCTION = public.trap_eq_name)");
        try (Connection session = login(database, credential); Statement statement = session.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("planting failed: " + e.getMessage(), e);
        }
    }

    private static String shadow(String signature, String returns, String what, String body) {
        return "CREATE FUNCTION public." + signature + " RETURNS " + returns + " LANGUAGE plpgsql AS $f$ BEGIN "
                + "PERFORM public.trap_spring('" + what + "'); RETURN " + body + "; END $f$";
    }

    /**
     * The trap's rows written by a privileged role (the admin, any superuser or CREATEROLE/CREATEDB role), as
     * {@code ran_as/session_as: what}; rows the untrusted roles wrote running their own functions do not count.
     */
    static List<String> privilegedRuns(LocalCluster cluster, String database) {
        List<String> runs = new ArrayList<>();
        try (Connection admin = cluster.connectPinned(database); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT t.ran_as, t.session_as, t.what FROM public.trap t "
                     + "WHERE t.ran_as OPERATOR(pg_catalog.=) '" + LocalCluster.ADMIN_USER + "' OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles r "
                     + "WHERE r.rolname::text OPERATOR(pg_catalog.=) t.ran_as AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb))")) {
            while (rows.next()) {
                runs.add(rows.getString(1) + "/" + rows.getString(2) + ": " + rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the trap failed: " + e.getMessage(), e);
        }
        return runs;
    }

    private static Connection login(ConnectionDetails database, Credential credential) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credential.user());
        properties.setProperty("password", credential.password().reveal());
        return PgJdbc.connect(database.jdbcUrl(), properties);
    }
}
