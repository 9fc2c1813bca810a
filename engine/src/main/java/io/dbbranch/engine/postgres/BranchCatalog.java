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
 */
final class BranchCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, String>>> SHAPE = new TypeReference<>() { };
    private static final String SELECT = "SELECT datname, pg_catalog.shobj_description(oid, 'pg_database') FROM pg_catalog.pg_database "
            + "WHERE NOT datistemplate AND datallowconn";

    private BranchCatalog() {
    }

    static void writeLabels(Connection admin, String database, String parent, Labels labels) throws SQLException {
        Map<String, String> body = new LinkedHashMap<>(labels.toMap());
        body.put("parent", parent);
        String json;
        try {
            json = JSON.writeValueAsString(Map.of(Labels.MARKER, body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels not serialisable", e);
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("COMMENT ON DATABASE " + SqlText.identifier(database) + " IS " + SqlText.literal(json));
        }
    }

    static Optional<BranchInfo> find(Connection admin, String name) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(SELECT + " AND datname = ?")) {
            statement.setString(1, name);
            List<BranchInfo> found = read(statement);
            return found.stream().findFirst();
        }
    }

    /**
     * Branches and roots: every connectable database but the templates and the maintenance database the admin is
     * connected to ({@code postgres} by default), which is never a parent.
     */
    static List<BranchInfo> list(Connection admin, String prefix) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(SELECT
                + " AND datname <> pg_catalog.current_database() AND pg_catalog.starts_with(datname, ?) ORDER BY datname")) {
            statement.setString(1, prefix == null ? "" : prefix);
            return read(statement);
        }
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
                branches.add(toInfo(rows.getString(1), rows.getString(2)));
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
