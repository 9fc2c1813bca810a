package io.dbbranch.engine.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes what we know of a branch database. Labels live in the database's comment as JSON
 * ({@code {"dbbranch": {"owner": …, "parent": …, "expiresAt": …}}}), so they travel with the database and a
 * reaper on any machine can tell ours from anyone else's. Runs on the admin's maintenance connection, whose
 * {@code search_path} is pinned; the calls are schema-qualified as well.
 *
 * <p>The branch's role carries the same labels from the instant it exists ({@link BranchRoles#createLabelled}), before
 * the database does: a database without labels owned by a role of ours of its own name is listed with the role's
 * labels (a create killed between {@code CREATE DATABASE} and the comment), and so is a role of ours without a
 * database (a create killed before {@code CREATE DATABASE}, or a teardown killed between the two drops).
 */
final class BranchCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, String>>> SHAPE = new TypeReference<>() { };
    /** A role we never give these attributes is not one of our branch roles, whatever its comment says. */
    private static final String PLAIN_ROLE = "NOT (r.rolsuper OR r.rolcreatedb OR r.rolcreaterole OR r.rolreplication OR r.rolbypassrls)";
    private static final String SELECT = "SELECT d.datname, pg_catalog.shobj_description(d.oid, 'pg_database'), "
            + "CASE WHEN r.rolname OPERATOR(pg_catalog.=) d.datname AND " + PLAIN_ROLE
            + " THEN pg_catalog.shobj_description(r.oid, 'pg_authid') END "
            + "FROM pg_catalog.pg_database d LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) d.datdba "
            + "WHERE NOT d.datistemplate AND d.datallowconn";
    private static final String ROLES_WITHOUT_DATABASE = "SELECT r.rolname, pg_catalog.shobj_description(r.oid, 'pg_authid') "
            + "FROM pg_catalog.pg_roles r WHERE " + PLAIN_ROLE + " AND pg_catalog.starts_with(r.rolname, ?) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname OPERATOR(pg_catalog.=) r.rolname)";

    private BranchCatalog() {
    }

    static void writeLabels(Connection admin, String database, String parent, Labels labels) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(labelStatement(database, parent, labels));
        }
    }

    /** The statement {@link #writeLabels} runs, for callers that send it along with others. */
    static String labelStatement(String database, String parent, Labels labels) {
        return "COMMENT ON DATABASE " + SqlText.identifier(database) + " IS " + SqlText.literal(labelsJson(parent, labels));
    }

    /** The JSON our comments carry: {@code labels} and the parent under {@link Labels#MARKER}. */
    static String labelsJson(String parent, Labels labels) {
        Map<String, String> body = new LinkedHashMap<>(labels.toMap());
        body.put("parent", parent);
        try {
            return JSON.writeValueAsString(Map.of(Labels.MARKER, body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels not serialisable", e);
        }
    }

    static Optional<BranchInfo> find(Connection admin, String name) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(SELECT + " AND d.datname OPERATOR(pg_catalog.=) ?")) {
            statement.setString(1, name);
            List<BranchInfo> found = read(statement);
            return found.stream().findFirst();
        }
    }

    /**
     * Branches and roots: every connectable database but the templates and the maintenance database the admin is
     * connected to ({@code postgres} by default), which is never a parent; then the roles of ours of that prefix
     * without a database.
     */
    static List<BranchInfo> list(Connection admin, String prefix) throws SQLException {
        List<BranchInfo> branches;
        try (PreparedStatement statement = admin.prepareStatement(SELECT + " AND d.datname OPERATOR(pg_catalog.<>) "
                + "pg_catalog.current_database() AND pg_catalog.starts_with(d.datname, ?) ORDER BY d.datname")) {
            statement.setString(1, prefix == null ? "" : prefix);
            branches = read(statement);
        }
        branches.addAll(rolesWithoutDatabase(admin, prefix == null ? "" : prefix, null));
        return branches;
    }

    /**
     * The role of ours named {@code name} when no database has that name: what a create killed before its
     * {@code CREATE DATABASE}, or a teardown killed after its {@code DROP DATABASE}, left. Listed as a branch in state
     * {@link BranchState#CREATING}, with the labels of the role's comment, so the reaper and {@code delete} find it.
     */
    static Optional<BranchInfo> findRoleWithoutDatabase(Connection admin, String name) throws SQLException {
        return rolesWithoutDatabase(admin, name, name).stream().findFirst();
    }

    private static List<BranchInfo> rolesWithoutDatabase(Connection admin, String prefix, String exactly) throws SQLException {
        List<BranchInfo> roles = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement(ROLES_WITHOUT_DATABASE + " ORDER BY r.rolname")) {
            statement.setString(1, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String json = BranchRoles.labelsIn(rows.getString(2));
                    if (json != null && (exactly == null || exactly.equals(rows.getString(1)))) {
                        roles.add(toInfo(rows.getString(1), json).withState(BranchState.CREATING));
                    }
                }
            }
        }
        return roles;
    }

    /** Database names a user could have meant, for "not found" messages. */
    static List<String> names(Connection admin) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_catalog.pg_database WHERE NOT datistemplate ORDER BY datname LIMIT 20")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static List<BranchInfo> read(PreparedStatement statement) throws SQLException {
        List<BranchInfo> branches = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String roleLabels = BranchRoles.labelsIn(rows.getString(3));
                BranchInfo database = toInfo(rows.getString(1), rows.getString(2));
                // A database not labelled yet, owned by a role of ours of its name: a create stopped before the comment.
                branches.add(database.labels() == null && roleLabels != null
                        ? toInfo(rows.getString(1), roleLabels).withState(BranchState.CREATING) : database);
            }
        }
        return branches;
    }

    static BranchInfo toInfo(String name, String comment) {
        Map<String, String> body = parse(comment);
        Labels labels = body == null ? null : Labels.fromMap(body);
        String parent = body == null ? null : body.get("parent");
        return new BranchInfo(name, name, parent, BranchState.READY,
                labels == null ? null : labels.createdAt(), labels == null ? null : labels.expiresAt(), labels, null);
    }

    private static Map<String, String> parse(String comment) {
        if (comment == null || !comment.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(comment, SHAPE).get(Labels.MARKER);
        } catch (JsonProcessingException | ClassCastException e) {
            // Someone else's JSON comment: not ours, so no labels.
            return null;
        }
    }
}
