package io.dbbranch.testkit.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.testkit.emulator.BackingHistory;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.SourceCopy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Branches of the past ({@code parent_timestamp}, {@code parent_lsn}) and restores ({@code …/restore}) of a branch to
 * another branch's head, or to any branch's past, its own included.
 *
 * <p>The past is a real point-in-time restore of the backing server ({@link BackingHistory}): a server of its own, on
 * its own port, where the source's database as it was is renamed after the branch; the branch reports the point the
 * restore reached as its {@code parent_timestamp} and {@code parent_lsn}. Only branches on the backing server have a
 * history; one on a restored server has none (it is refused with 400).
 *
 * <p>A restore in place keeps the target's id, endpoint and roles, and reports the point restored to as its
 * {@code parent_timestamp} and {@code parent_lsn} (its parent becomes the source, unless it restored its own past).
 * With {@code preserve_under_name}, the target's present data becomes a new branch of that name, beside it (with the
 * target's former parent), so it can be deleted on its own.
 */
final class BranchRestores {
    private final ProjectStore store;
    private final Clock clock;

    BranchRestores(ProjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new branch holding {@code parent} as it was at {@code point}; it stays {@code init} until its operation ends. */
    NeonBranchRecord createFromPast(String name, NeonBranchRecord parent, PointInTime point, Instant expires,
                                    Map<String, String> annotation, boolean withEndpoint, int endpointPolls)
            throws SQLException {
        BackingHistory history = historyOf(parent);
        NeonBranchRecord branch = new NeonBranchRecord(NeonIds.branch(), name, clock.instant(), parent.id, null, false,
                withEndpoint ? NeonIds.endpoint() : null, expires, "init", store.backing());
        branch.endpointPollsLeft = endpointPolls;
        branch.annotation.putAll(annotation);
        store.register(branch);
        BackingHistory.Recovered recovered;
        try {
            recovered = recover(history, branch.id, parent, point);
        } catch (RuntimeException e) {
            store.unregister(branch.id);
            throw e;
        }
        synchronized (store) {
            moveTo(branch, recovered, branch.id);
        }
        try {
            store.persist(branch);
        } catch (SQLException | RuntimeException e) {
            store.unregister(branch.id);
            try {
                history.delete(branch.id);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return branch;
    }

    /**
     * Gives {@code target} the data of {@code source} at {@code point} ({@code null}: its head), keeping the target's
     * present data as a new branch {@code preserveUnderName} when given. Sessions on the target are ended.
     *
     * @return the branch that keeps the previous data, or {@code null} when none was asked for
     */
    NeonBranchRecord restore(NeonBranchRecord target, NeonBranchRecord source, PointInTime point, String preserveUnderName)
            throws SQLException {
        if (point == null && source.server != target.server) {
            throw NeonErrors.invalid("this emulator restores a branch to another's head only when both live on one server");
        }
        // The past first: a point the history cannot reach is refused before the target is touched.
        String serverName = NeonIds.branch();
        BackingHistory.Recovered recovered = point == null ? null : recover(historyOf(source), serverName, source, point);
        try {
            return replace(target, source, recovered, serverName, preserveUnderName);
        } catch (SQLException | RuntimeException e) {
            if (recovered != null && !serverName.equals(target.restoredServer)) {
                try {
                    store.backing().history().orElseThrow().delete(serverName);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private NeonBranchRecord replace(NeonBranchRecord target, NeonBranchRecord source, BackingHistory.Recovered recovered,
                                     String serverName, String preserveUnderName) throws SQLException {
        BackingPostgres previous = target.server;
        previous.adminExecute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                + BackingPostgres.literal(target.database()) + " AND pid <> pg_backend_pid()");
        Map<String, String> roles;
        synchronized (store) {
            roles = new LinkedHashMap<>(target.roles);
        }
        NeonBranchRecord kept = preserveUnderName == null ? null : keep(target, preserveUnderName, roles);
        if (kept == null) {
            dropPresentData(target);
        }
        if (recovered == null) {
            // Both on one server, so the target was not alone on a restored one: that server is still there.
            SourceCopy.copy(previous, source.database(), target.database());
        } else {
            recovered.server().adminExecute("postgres", "ALTER DATABASE " + BackingPostgres.quote(serverName)
                    + " RENAME TO " + BackingPostgres.quote(target.database()));
            synchronized (store) {
                moveTo(target, recovered, serverName);
                target.parentId = source.id.equals(target.id) ? target.parentId : source.id;
            }
        }
        LoginRoles logins = new LoginRoles(target.server);
        for (Map.Entry<String, String> role : roles.entrySet()) {
            if (role.getValue() != null) {
                logins.grant(role.getKey(), role.getValue(), target.database());
            }
        }
        store.persist(target);
        return kept;
    }

    /** The target's present data, renamed into a new branch on its server (without the target's roles). */
    private NeonBranchRecord keep(NeonBranchRecord target, String name, Map<String, String> roles) throws SQLException {
        NeonBranchRecord kept = new NeonBranchRecord(NeonIds.branch(), name, clock.instant(), target.parentId,
                target.parentLsn, false, NeonIds.endpoint(), null, "ready", target.server);
        kept.parentTimestamp = target.parentTimestamp;
        kept.restoredServer = target.restoredServer;
        kept.endpointStarted = true;
        store.register(kept);
        target.server.adminExecute("postgres", "ALTER DATABASE " + BackingPostgres.quote(target.database()) + " RENAME TO "
                + BackingPostgres.quote(kept.database()));
        LoginRoles logins = new LoginRoles(target.server);
        for (String role : roles.keySet()) {
            logins.revoke(role, kept.database());
        }
        store.persist(kept);
        return kept;
    }

    /** Drops the target's present data: its database, or the restored server it had to itself. */
    private void dropPresentData(NeonBranchRecord target) throws SQLException {
        String server = target.restoredServer;
        boolean alone = server != null && store.all().stream().noneMatch(b -> b != target && server.equals(b.restoredServer));
        if (alone) {
            // The target moves to its new server next; nothing else needs this one.
            target.restoredServer = null;
            store.backing().history().orElseThrow().delete(server);
        } else {
            target.server.dropDatabase(target.database());
        }
    }

    private static void moveTo(NeonBranchRecord branch, BackingHistory.Recovered recovered, String serverName) {
        branch.server = recovered.server();
        branch.restoredServer = serverName;
        branch.parentLsn = recovered.reached().lsn();
        branch.parentTimestamp = recovered.reached().time();
    }

    /** The history to restore {@code source} from: the backing server's, which only branches living there have. */
    private BackingHistory historyOf(NeonBranchRecord source) {
        return store.backing().history().filter(h -> source.restoredServer == null).orElseThrow(() ->
                NeonErrors.invalid("branch " + source.id + " has no history this emulator can restore from: "
                        + (source.restoredServer == null ? "it keeps none (it shares a server)"
                        : "it lives on a server restored from the past, which keeps none")));
    }

    private static BackingHistory.Recovered recover(BackingHistory history, String serverName, NeonBranchRecord source,
                                                    PointInTime point) {
        try {
            return history.restore(serverName, source.database(), source.created, point);
        } catch (DbBranchException e) {
            throw NeonErrors.of(e);
        }
    }
}
