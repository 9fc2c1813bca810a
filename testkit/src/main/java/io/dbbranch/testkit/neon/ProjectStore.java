package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.ApiFailure;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.BranchComments;
import io.dbbranch.testkit.emulator.SourceCopy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The project's branches and their roles. Each branch is a database named after the branch id, on the backing server
 * or, for branches of the past and those made from them, on a server restored from its history
 * ({@link BranchRestores}); a head branch is copied from its parent's database ({@code CREATE DATABASE … TEMPLATE …
 * STRATEGY FILE_COPY}) on the parent's server. Its metadata (not the role passwords) is kept as JSON in the
 * database's comment, so the emulator finds its branches again after a restart.
 */
final class ProjectStore {
    static final String DEFAULT_BRANCH = "main";
    private static final String MARKER = "dbbranch-neon-emulator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackingPostgres postgres;
    private final String project;
    private final Clock clock;
    private final Map<String, NeonBranchRecord> branches = new LinkedHashMap<>();
    private final IntSupplier maxBranches;

    /** @param maxBranches the most branches besides the default one (0: no limit), read at every create */
    ProjectStore(BackingPostgres postgres, String project, Clock clock, IntSupplier maxBranches) throws SQLException {
        this.postgres = postgres;
        this.project = project;
        this.clock = clock;
        this.maxBranches = maxBranches;
        load();
        if (branches.values().stream().noneMatch(b -> b.isDefault)) {
            NeonBranchRecord main = new NeonBranchRecord(NeonIds.branch(), DEFAULT_BRANCH, clock.instant(), null, null,
                    true, NeonIds.endpoint(), null, "ready", postgres);
            main.endpointStarted = true;
            postgres.ensureDatabase(main.database());
            // As on every branch, only the branch's own roles may connect.
            postgres.adminExecute("postgres", "REVOKE CONNECT, TEMPORARY ON DATABASE "
                    + BackingPostgres.quote(main.database()) + " FROM PUBLIC");
            persist(main);
            branches.put(main.id, main);
        }
    }

    String project() {
        return project;
    }

    /** The server the emulator started with, whose history branches of the past are restored from. */
    BackingPostgres backing() {
        return postgres;
    }

    synchronized Optional<NeonBranchRecord> find(String id) {
        return Optional.ofNullable(branches.get(id));
    }

    NeonBranchRecord get(String id) {
        return find(id).orElseThrow(() -> NeonErrors.notFound("branch not found"));
    }

    synchronized NeonBranchRecord defaultBranch() {
        return branches.values().stream().filter(b -> b.isDefault).findFirst().orElseThrow();
    }

    /** All branches, oldest first. */
    synchronized List<NeonBranchRecord> all() {
        List<NeonBranchRecord> all = new ArrayList<>(branches.values());
        all.sort(Comparator.comparing((NeonBranchRecord b) -> b.created).thenComparing(b -> b.id));
        return all;
    }

    /** Copies {@code parent} into a new branch on the parent's server, at once; it stays {@code init} until its operation finishes. */
    NeonBranchRecord create(String name, NeonBranchRecord parent, Instant expires, Map<String, String> annotation,
                            boolean withEndpoint, int endpointPolls) throws SQLException {
        NeonBranchRecord branch = new NeonBranchRecord(NeonIds.branch(), name, clock.instant(), parent.id,
                currentLsn(parent.server), false, withEndpoint ? NeonIds.endpoint() : null, expires, "init", parent.server);
        branch.restoredServer = parent.restoredServer;
        branch.endpointPollsLeft = endpointPolls;
        branch.annotation.putAll(annotation);
        register(branch);
        try {
            SourceCopy.copy(branch.server, parent.database(), branch.database());
            persist(branch);
            return branch;
        } catch (SQLException | RuntimeException e) {
            unregister(branch.id);
            branch.server.dropDatabase(branch.database());
            throw e;
        }
    }

    /** Adds a branch whose data is being made; its name must be free. */
    synchronized void register(NeonBranchRecord branch) {
        if (branches.values().stream().anyMatch(b -> b.name.equals(branch.name))) {
            throw new ApiFailure(409, "BRANCH_ALREADY_EXISTS", "branch already exists; branch_name:\"" + branch.name + "\"");
        }
        int limit = maxBranches.getAsInt();
        if (limit > 0 && branches.values().stream().filter(b -> !b.isDefault).count() >= limit) {
            throw NeonErrors.branchesLimit(limit);
        }
        branches.put(branch.id, branch);
    }

    synchronized void unregister(String id) {
        branches.remove(id);
    }

    synchronized void markReady(NeonBranchRecord branch) {
        branch.state = "ready";
        branch.updated = clock.instant();
    }

    synchronized void startEndpoint(NeonBranchRecord branch) {
        branch.endpointStarted = true;
    }

    void setExpiry(NeonBranchRecord branch, Instant expires) throws SQLException {
        synchronized (this) {
            branch.expires = expires;
            branch.updated = clock.instant();
        }
        persist(branch);
    }

    /** Deletes a branch: its database and its roles (with the server, when it was the last branch on a restored one). */
    void delete(NeonBranchRecord branch) throws SQLException {
        List<String> roles;
        synchronized (this) {
            if (branches.remove(branch.id) == null) {
                return;
            }
            branch.state = "deleted";
            roles = new ArrayList<>(branch.roles.keySet());
        }
        if (releaseServerOf(branch)) {
            return;
        }
        branch.server.dropDatabase(branch.database());
        LoginRoles logins = new LoginRoles(branch.server);
        for (String role : roles) {
            logins.drop(role);
        }
    }

    /**
     * Removes the restored server {@code branch} lived on if no branch lives there any more; returns whether it did
     * (its databases and roles went with it).
     */
    boolean releaseServerOf(NeonBranchRecord branch) {
        String server = branch.restoredServer;
        synchronized (this) {
            if (server == null || branches.values().stream().anyMatch(b -> server.equals(b.restoredServer))) {
                return false;
            }
        }
        return postgres.history().map(history -> history.delete(server)).orElse(false);
    }

    /** Deletes the branches whose expiry has passed (Neon's own expiration); returns their ids. */
    List<String> deleteExpired() throws SQLException {
        Instant now = clock.instant();
        List<NeonBranchRecord> expired;
        synchronized (this) {
            expired = branches.values().stream()
                    .filter(b -> !b.isDefault && b.expires != null && !b.expires.isAfter(now)).toList();
        }
        List<String> deleted = new ArrayList<>();
        for (NeonBranchRecord branch : expired) {
            delete(branch);
            deleted.add(branch.id);
        }
        return deleted;
    }

    /** Records a new role of the branch; the login works once {@link #applyRole} ran (when its operation ends). */
    synchronized void addRole(NeonBranchRecord branch, String role, String password) throws SQLException {
        if (branch.roles.containsKey(role)) {
            throw new ApiFailure(409, "ROLE_ALREADY_EXISTS", "role \"" + role + "\" already exists");
        }
        if (branches.values().stream().anyMatch(b -> b.roles.containsKey(role)) || new LoginRoles(branch.server).exists(role)) {
            throw new ApiFailure(409, "ROLE_ALREADY_EXISTS", "role \"" + role + "\" exists on another branch; this "
                    + "emulator keeps all branches on one server, so role names must differ between branches");
        }
        branch.roles.put(role, password);
        persist(branch);
    }

    /** Makes the login role match the recorded password. */
    void applyRole(NeonBranchRecord branch, String role) throws SQLException {
        String password;
        synchronized (this) {
            password = branch.roles.get(role);
        }
        if (password != null && branches.containsKey(branch.id)) {
            new LoginRoles(branch.server).grant(role, password, branch.database());
        }
    }

    synchronized void setPassword(NeonBranchRecord branch, String role, String password) {
        branch.roles.put(role, password);
    }

    void dropRole(NeonBranchRecord branch, String role) throws SQLException {
        synchronized (this) {
            branch.roles.remove(role);
        }
        new LoginRoles(branch.server).drop(role);
        persist(branch);
    }

    /** The server's WAL insert position: where a branch of its head starts. */
    static String currentLsn(BackingPostgres server) throws SQLException {
        try (Connection connection = server.cluster().connectAdmin("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            result.next();
            return result.getString(1);
        }
    }

    void persist(NeonBranchRecord branch) throws SQLException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode()
                .put(MARKER, 1).put("project", project).put("name", branch.name)
                .put("created_at", branch.created.toString()).put("default", branch.isDefault);
        if (branch.endpointId != null) {
            meta.put("endpoint_id", branch.endpointId);
        }
        if (branch.parentId != null) {
            meta.put("parent_id", branch.parentId).put("parent_lsn", branch.parentLsn);
        }
        if (branch.parentTimestamp != null) {
            meta.put("parent_timestamp", branch.parentTimestamp.toString());
        }
        if (branch.restoredServer != null) {
            meta.put("server", branch.restoredServer);
        }
        if (branch.expires != null) {
            meta.put("expires_at", branch.expires.toString());
        }
        synchronized (this) {
            meta.set("annotation", JSON.valueToTree(branch.annotation));
            meta.set("roles", JSON.valueToTree(new ArrayList<>(branch.roles.keySet())));
        }
        branch.server.comment(branch.database(), meta.toString());
    }

    /** Finds the branches again: on the backing server, and on each server restored from its history. */
    private void load() throws SQLException {
        for (BranchComments.Found found : BranchComments.load(postgres, MARKER, project)) {
            try {
                JsonNode meta = found.meta();
                String expires = meta.path("expires_at").asText(null);
                NeonBranchRecord branch = new NeonBranchRecord(found.database(), meta.path("name").asText(),
                        Instant.parse(meta.path("created_at").asText()), meta.path("parent_id").asText(null),
                        meta.path("parent_lsn").asText(null), meta.path("default").asBoolean(),
                        meta.path("endpoint_id").asText(null),
                        expires == null ? null : Instant.parse(expires), "ready", found.server());
                String timestamp = meta.path("parent_timestamp").asText(null);
                branch.parentTimestamp = timestamp == null ? null : Instant.parse(timestamp);
                branch.restoredServer = found.restoredServer();
                branch.endpointStarted = true;
                meta.path("annotation").properties().forEach(e -> branch.annotation.put(e.getKey(), e.getValue().asText()));
                // Passwords are not kept across restarts: reveal_password cannot tell them any more.
                meta.path("roles").forEach(role -> branch.roles.put(role.asText(), null));
                branches.put(branch.id, branch);
            } catch (RuntimeException damaged) {
                // metadata we cannot read: not a branch we can serve
            }
        }
    }
}
