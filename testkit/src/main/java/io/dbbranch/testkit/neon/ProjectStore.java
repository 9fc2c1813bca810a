package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.ApiFailure;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.SourceCopy;
import java.io.IOException;
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

/**
 * The project's branches and their roles. Each branch is a database of the backing server named after the branch id,
 * copied from its parent's ({@code CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY}); its metadata (not the role
 * passwords) is kept as JSON in the database's comment, so the emulator finds its branches again after a restart.
 */
final class ProjectStore {
    static final String DEFAULT_BRANCH = "main";
    private static final String MARKER = "dbbranch-neon-emulator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackingPostgres postgres;
    private final LoginRoles logins;
    private final String project;
    private final Clock clock;
    private final Map<String, NeonBranchRecord> branches = new LinkedHashMap<>();

    ProjectStore(BackingPostgres postgres, String project, Clock clock) throws SQLException {
        this.postgres = postgres;
        this.logins = new LoginRoles(postgres);
        this.project = project;
        this.clock = clock;
        load();
        if (branches.values().stream().noneMatch(b -> b.isDefault)) {
            NeonBranchRecord main = new NeonBranchRecord(NeonIds.branch(), DEFAULT_BRANCH, clock.instant(), null, null,
                    true, NeonIds.endpoint(), null, "ready");
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

    /** Copies {@code parent} into a new branch, at once; it stays {@code init} until its operation finishes. */
    NeonBranchRecord create(String name, NeonBranchRecord parent, Instant expires, Map<String, String> annotation,
                            boolean withEndpoint, int endpointPolls) throws SQLException {
        NeonBranchRecord branch;
        synchronized (this) {
            if (branches.values().stream().anyMatch(b -> b.name.equals(name))) {
                throw new ApiFailure(409, "BRANCH_ALREADY_EXISTS", "branch already exists; branch_name:\"" + name + "\"");
            }
            branch = new NeonBranchRecord(NeonIds.branch(), name, clock.instant(), parent.id, currentLsn(), false,
                    withEndpoint ? NeonIds.endpoint() : null, expires, "init");
            branch.endpointPollsLeft = endpointPolls;
            branch.annotation.putAll(annotation);
            branches.put(branch.id, branch);
        }
        try {
            SourceCopy.copy(postgres, parent.database(), branch.database());
            persist(branch);
            return branch;
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                branches.remove(branch.id);
            }
            postgres.dropDatabase(branch.database());
            throw e;
        }
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

    /** Deletes a branch: its database and its roles. */
    void delete(NeonBranchRecord branch) throws SQLException {
        List<String> roles;
        synchronized (this) {
            if (branches.remove(branch.id) == null) {
                return;
            }
            branch.state = "deleted";
            roles = new ArrayList<>(branch.roles.keySet());
        }
        postgres.dropDatabase(branch.database());
        for (String role : roles) {
            logins.drop(role);
        }
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
        if (branches.values().stream().anyMatch(b -> b.roles.containsKey(role)) || logins.exists(role)) {
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
            logins.grant(role, password, branch.database());
        }
    }

    synchronized void setPassword(NeonBranchRecord branch, String role, String password) {
        branch.roles.put(role, password);
    }

    void dropRole(NeonBranchRecord branch, String role) throws SQLException {
        synchronized (this) {
            branch.roles.remove(role);
        }
        logins.drop(role);
        persist(branch);
    }

    /**
     * Replaces {@code target}'s data with a copy of {@code source}'s head. With {@code preserveUnderName}, the previous
     * data becomes a new branch of that name (without roles: role names are unique on the emulator's server).
     */
    NeonBranchRecord restore(NeonBranchRecord target, NeonBranchRecord source, String preserveUnderName)
            throws SQLException {
        postgres.adminExecute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                + BackingPostgres.literal(target.database()) + " AND pid <> pg_backend_pid()");
        Map<String, String> roles;
        synchronized (this) {
            roles = new LinkedHashMap<>(target.roles);
        }
        if (preserveUnderName != null) {
            NeonBranchRecord kept = new NeonBranchRecord(NeonIds.branch(), preserveUnderName, clock.instant(),
                    target.parentId, target.parentLsn, false, NeonIds.endpoint(), null, "ready");
            kept.endpointStarted = true;
            postgres.adminExecute("postgres", "ALTER DATABASE " + BackingPostgres.quote(target.database()) + " RENAME TO "
                    + BackingPostgres.quote(kept.database()));
            for (String role : roles.keySet()) {
                logins.revoke(role, kept.database());
            }
            persist(kept);
            synchronized (this) {
                branches.put(kept.id, kept);
            }
        } else {
            postgres.dropDatabase(target.database());
        }
        SourceCopy.copy(postgres, source.database(), target.database());
        for (Map.Entry<String, String> role : roles.entrySet()) {
            if (role.getValue() != null) {
                logins.grant(role.getKey(), role.getValue(), target.database());
            }
        }
        persist(target);
        return target;
    }

    private String currentLsn() throws SQLException {
        try (Connection connection = postgres.cluster().connectAdmin("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            result.next();
            return result.getString(1);
        }
    }

    private void persist(NeonBranchRecord branch) throws SQLException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode()
                .put(MARKER, 1).put("project", project).put("name", branch.name)
                .put("created_at", branch.created.toString()).put("default", branch.isDefault);
        if (branch.endpointId != null) {
            meta.put("endpoint_id", branch.endpointId);
        }
        if (branch.parentId != null) {
            meta.put("parent_id", branch.parentId).put("parent_lsn", branch.parentLsn);
        }
        if (branch.expires != null) {
            meta.put("expires_at", branch.expires.toString());
        }
        synchronized (this) {
            meta.set("annotation", JSON.valueToTree(branch.annotation));
            meta.set("roles", JSON.valueToTree(new ArrayList<>(branch.roles.keySet())));
        }
        postgres.comment(branch.database(), meta.toString());
    }

    private void load() throws SQLException {
        for (Map.Entry<String, String> comment : postgres.comments().entrySet()) {
            try {
                JsonNode meta = JSON.readTree(comment.getValue());
                if (meta == null || !meta.has(MARKER) || !project.equals(meta.path("project").asText())) {
                    continue;
                }
                String expires = meta.path("expires_at").asText(null);
                NeonBranchRecord branch = new NeonBranchRecord(comment.getKey(), meta.path("name").asText(),
                        Instant.parse(meta.path("created_at").asText()), meta.path("parent_id").asText(null),
                        meta.path("parent_lsn").asText(null), meta.path("default").asBoolean(),
                        meta.path("endpoint_id").asText(null),
                        expires == null ? null : Instant.parse(expires), "ready");
                branch.endpointStarted = true;
                meta.path("annotation").properties().forEach(e -> branch.annotation.put(e.getKey(), e.getValue().asText()));
                // Passwords are not kept across restarts: reveal_password cannot tell them any more.
                meta.path("roles").forEach(role -> branch.roles.put(role.asText(), null));
                branches.put(branch.id, branch);
            } catch (IOException | RuntimeException notOurs) {
                // a comment someone else wrote: not a branch of ours
            }
        }
    }
}
