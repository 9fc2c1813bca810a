package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.ApiFailure;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.SourceCopy;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The project's branches. Each is a database of the backing server named after the branch id; its metadata is
 * kept as JSON in the database's comment, so the emulator finds its branches again after a restart.
 */
final class BranchStore {
    private static final String MARKER = "dbbranch-lakebase-emulator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackingPostgres postgres;
    private final String project;
    private final Clock clock;
    private final Map<String, EmulatedBranch> branches = new LinkedHashMap<>();

    BranchStore(BackingPostgres postgres, String project, String defaultBranch, Clock clock) throws SQLException {
        this.postgres = postgres;
        this.project = project;
        this.clock = clock;
        load();
        if (!branches.containsKey(defaultBranch)) {
            postgres.ensureDatabase(defaultBranch);
            EmulatedBranch main = new EmulatedBranch(defaultBranch, uid(), clock.instant(), null, true, null, "READY", 0);
            persist(main);
            branches.put(defaultBranch, main);
        }
    }

    String project() {
        return project;
    }

    synchronized Optional<EmulatedBranch> find(String id) {
        return Optional.ofNullable(branches.get(id));
    }

    EmulatedBranch get(String id) {
        return find(id).orElseThrow(() -> LakebaseErrors.notFound("branch"));
    }

    synchronized EmulatedBranch defaultBranch() {
        return branches.values().stream().filter(b -> b.isDefault).findFirst().orElseThrow();
    }

    /** All branches, oldest first (the listing order). */
    synchronized List<EmulatedBranch> all() {
        List<EmulatedBranch> all = new ArrayList<>(branches.values());
        all.sort(Comparator.comparing((EmulatedBranch b) -> b.created).thenComparing(b -> b.id));
        return all;
    }

    /**
     * Copies {@code source} into a new branch {@code id}. The copy is made at once; the branch stays {@code INIT}
     * until its operation finishes.
     */
    EmulatedBranch create(String id, EmulatedBranch source, Instant expires, int endpointPolls) throws SQLException {
        synchronized (this) {
            if (branches.containsKey(id)) {
                throw new ApiFailure(409, "ALREADY_EXISTS", "branch with such id already exists");
            }
            // Reserve the id while the copy runs outside the lock.
            branches.put(id, new EmulatedBranch(id, uid(), clock.instant(), source.id, false, expires, "INIT", endpointPolls));
        }
        EmulatedBranch branch = get(id);
        boolean copied = false;
        try {
            if (postgres.databaseExists(id)) {
                throw new ApiFailure(409, "ALREADY_EXISTS", "a database named '" + id + "' exists on the emulator's server");
            }
            SourceCopy.copy(postgres, source.id, id);
            copied = true;
            persist(branch);
            return branch;
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                branches.remove(id);
            }
            if (copied) {
                try {
                    postgres.dropDatabase(id);
                } catch (SQLException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    synchronized void markReady(EmulatedBranch branch) {
        branch.state = "READY";
        branch.updated = clock.instant();
    }

    void setExpiry(EmulatedBranch branch, Instant expires) throws SQLException {
        synchronized (this) {
            branch.expires = expires;
            branch.updated = clock.instant();
        }
        persist(branch);
    }

    void delete(EmulatedBranch branch) throws SQLException {
        synchronized (this) {
            if (branches.remove(branch.id) == null) {
                throw LakebaseErrors.notFound("branch");
            }
            branch.state = "DELETED";
        }
        postgres.dropDatabase(branch.id);
    }

    /** Deletes the branches whose expiry has passed (Lakebase's own expiration); returns their ids. */
    List<String> deleteExpired() throws SQLException {
        Instant now = clock.instant();
        List<EmulatedBranch> expired;
        synchronized (this) {
            expired = branches.values().stream()
                    .filter(b -> !b.isDefault && b.expires != null && !b.expires.isAfter(now)).toList();
        }
        List<String> deleted = new ArrayList<>();
        for (EmulatedBranch branch : expired) {
            try {
                delete(branch);
                deleted.add(branch.id);
            } catch (ApiFailure alreadyGone) {
                // deleted by a client meanwhile
            }
        }
        return deleted;
    }

    private void persist(EmulatedBranch branch) throws SQLException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode()
                .put(MARKER, 1).put("project", project).put("uid", branch.uid)
                .put("create_time", branch.created.toString()).put("default", branch.isDefault);
        if (branch.source != null) {
            meta.put("source", branch.source);
        }
        if (branch.expires != null) {
            meta.put("expire_time", branch.expires.toString());
        }
        postgres.comment(branch.id, meta.toString());
    }

    private void load() throws SQLException {
        for (Map.Entry<String, String> comment : postgres.comments().entrySet()) {
            try {
                JsonNode meta = JSON.readTree(comment.getValue());
                if (meta == null || !meta.has(MARKER) || !project.equals(meta.path("project").asText())) {
                    continue;
                }
                String expires = meta.path("expire_time").asText(null);
                branches.put(comment.getKey(), new EmulatedBranch(comment.getKey(), meta.path("uid").asText(uid()),
                        Instant.parse(meta.path("create_time").asText()), meta.path("source").asText(null),
                        meta.path("default").asBoolean(), expires == null ? null : Instant.parse(expires), "READY", 0));
            } catch (IOException | RuntimeException notOurs) {
                // a comment someone else wrote: not a branch of ours
            }
        }
    }

    private static String uid() {
        return "br-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
