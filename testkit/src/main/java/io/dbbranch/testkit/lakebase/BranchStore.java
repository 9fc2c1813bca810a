package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.testkit.emulator.ApiFailure;
import io.dbbranch.testkit.emulator.BackingHistory;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.BranchComments;
import io.dbbranch.testkit.emulator.SourceCopy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.UUID;

/**
 * The project's branches. Each is a database named after the branch id, on the backing server or, for a branch of
 * the past and the branches made from it, on the server its restore runs on ({@link BackingHistory}); its metadata
 * is kept as JSON in the database's comment, so the emulator finds its branches again after a restart.
 */
final class BranchStore {
    private static final String MARKER = "dbbranch-lakebase-emulator";

    private final BackingPostgres postgres;
    private final String project;
    private final Clock clock;
    private final Map<String, EmulatedBranch> branches = new LinkedHashMap<>();
    private final IntSupplier maxBranches;

    /** @param maxBranches the most branches besides the default one (0: no limit), read at every create */
    BranchStore(BackingPostgres postgres, String project, String defaultBranch, Clock clock, IntSupplier maxBranches)
            throws SQLException {
        this.postgres = postgres;
        this.project = project;
        this.clock = clock;
        this.maxBranches = maxBranches;
        load();
        if (!branches.containsKey(defaultBranch)) {
            postgres.ensureDatabase(defaultBranch);
            EmulatedBranch main = new EmulatedBranch(defaultBranch, uid(), clock.instant(), null, true, null, "READY", 0,
                    postgres, null);
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
     * Copies {@code source} into a new branch {@code id}, on the source's server. The copy is made at once; the branch
     * stays {@code INIT} until its operation finishes.
     */
    EmulatedBranch create(String id, EmulatedBranch source, Instant expires, int endpointPolls) throws SQLException {
        EmulatedBranch branch = reserve(new EmulatedBranch(id, uid(), clock.instant(), source.id, false, expires, "INIT",
                endpointPolls, source.server, source.restoredServer));
        boolean copied = false;
        try {
            if (branch.server.databaseExists(id)) {
                throw new ApiFailure(409, "ALREADY_EXISTS", "a database named '" + id + "' exists on the emulator's server");
            }
            SourceCopy.copy(branch.server, source.id, id);
            copied = true;
            persist(branch);
            return branch;
        } catch (SQLException | RuntimeException e) {
            release(id);
            if (copied) {
                try {
                    branch.server.dropDatabase(id);
                } catch (SQLException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /**
     * Restores {@code source} as it was at {@code point} into a new branch {@code id}, served by a server of its own
     * that reports the point reached. A point the history cannot reach, or from before the source existed, is refused
     * with 400 before anything is made (the id is only reserved meanwhile). The branch stays {@code INIT} until its
     * operation finishes.
     */
    EmulatedBranch createFromPast(String id, EmulatedBranch source, PointInTime point, Instant expires, int endpointPolls)
            throws SQLException {
        BackingHistory history = postgres.history().filter(h -> source.restoredServer == null).orElseThrow(() ->
                LakebaseErrors.invalid("Branch '" + source.id + "' has no history this emulator can restore from: "
                        + (source.restoredServer == null ? "it keeps none" : "it lives on the server restored for '"
                        + source.restoredServer + "', which keeps no history")));
        Instant created = clock.instant();
        String uid = uid();
        reserve(new EmulatedBranch(id, uid, created, source.id, false, expires, "INIT", endpointPolls, postgres, null));
        BackingHistory.Recovered recovered;
        try {
            recovered = history.restore(id, source.id, source.created, point);
        } catch (DbBranchException e) {
            release(id);
            throw LakebaseErrors.of(e);
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
        // The server is named after the branch; branches made from it live there too, and it goes with the last.
        EmulatedBranch branch = new EmulatedBranch(id, uid, created, source.id, false, expires, "INIT",
                endpointPolls, recovered.server(), id);
        branch.sourceTime = recovered.reached().time();
        branch.sourceLsn = recovered.reached().lsn();
        branch.askedPoint = point;
        try {
            persist(branch);
        } catch (SQLException | RuntimeException e) {
            release(id);
            try {
                history.delete(id);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        synchronized (this) {
            branches.put(id, branch);
        }
        return branch;
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

    /**
     * Deletes a branch: its database, and the restored server it lived on when it was the last branch there.
     */
    void delete(EmulatedBranch branch) throws SQLException {
        boolean lastOnItsServer;
        synchronized (this) {
            if (branches.remove(branch.id) == null) {
                throw LakebaseErrors.notFound("branch");
            }
            branch.state = "DELETED";
            lastOnItsServer = branch.restoredServer != null
                    && branches.values().stream().noneMatch(b -> branch.restoredServer.equals(b.restoredServer));
        }
        if (lastOnItsServer) {
            postgres.history().orElseThrow().delete(branch.restoredServer);
        } else {
            branch.server.dropDatabase(branch.id);
        }
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

    /** Takes {@code id} for {@code branch} while it is made outside the lock. */
    private synchronized EmulatedBranch reserve(EmulatedBranch branch) {
        if (branches.containsKey(branch.id)) {
            throw new ApiFailure(409, "ALREADY_EXISTS", "branch with such id already exists");
        }
        int limit = maxBranches.getAsInt();
        if (limit > 0 && branches.values().stream().filter(b -> !b.isDefault).count() >= limit) {
            throw LakebaseErrors.branchLimit(project, limit);
        }
        branches.put(branch.id, branch);
        return branch;
    }

    private synchronized void release(String id) {
        branches.remove(id);
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
        meta.put("source_branch_time", branch.sourceTime.toString());
        if (branch.restoredServer != null) {
            meta.put("server", branch.restoredServer);
        }
        if (branch.sourceLsn != null) {
            meta.put("source_branch_lsn", branch.sourceLsn);
        }
        if (branch.askedPoint != null) {
            meta.set("spec", LakebaseJson.askedPoint(branch.askedPoint));
        }
        branch.server.comment(branch.id, meta.toString());
    }

    /** Finds the branches again: those on the backing server, and those of the past, each on its own server. */
    private void load() throws SQLException {
        for (BranchComments.Found found : BranchComments.load(postgres, MARKER, project)) {
            try {
                JsonNode meta = found.meta();
                String expires = meta.path("expire_time").asText(null);
                EmulatedBranch branch = new EmulatedBranch(found.database(), meta.path("uid").asText(uid()),
                        Instant.parse(meta.path("create_time").asText()), meta.path("source").asText(null),
                        meta.path("default").asBoolean(), expires == null ? null : Instant.parse(expires), "READY", 0,
                        found.server(), found.restoredServer());
                String sourceTime = meta.path("source_branch_time").asText(null);
                branch.sourceTime = sourceTime == null ? branch.created : Instant.parse(sourceTime);
                branch.sourceLsn = meta.path("source_branch_lsn").asText(null);
                branch.askedPoint = LakebaseJson.pointInTime(meta.path("spec"));
                branches.put(branch.id, branch);
            } catch (RuntimeException damaged) {
                // metadata we cannot read: not a branch we can serve
            }
        }
    }

    private static String uid() {
        return "br-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
