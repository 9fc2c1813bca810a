package io.dbbranch.engine.review.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls {@code pg_locks} for the migrating session's relation locks on a thread of its own, over a connection of
 * its own, every interval. One cheap prepared query per tick, nothing while no migration runs: it reads the shared
 * lock table only, takes no lock the migration could wait for, and never touches the migrating session.
 *
 * <p>Samples go to the current <em>slot</em> (one per migration, set by {@link #watch}); after a slot's transaction
 * committed, {@link #locks} sums it up. The first failing sample stops the sampling and is kept as a problem: the
 * migration goes on unobserved rather than fail. {@link #close()} stops the thread and closes the connection.
 */
final class LockSampler implements AutoCloseable {
    private static final String LOCKS = "SELECT l.relation::pg_catalog.int8, l.mode FROM pg_catalog.pg_locks l "
            + "WHERE l.pid OPERATOR(pg_catalog.=) ? AND l.locktype OPERATOR(pg_catalog.=) 'relation' AND l.granted "
            + "AND l.database OPERATOR(pg_catalog.=) (SELECT d.oid FROM pg_catalog.pg_database d "
            + "WHERE d.datname OPERATOR(pg_catalog.=) pg_catalog.current_database())";

    private final Connection connection;
    private final PreparedStatement query;
    private final long intervalNanos;
    private final Thread thread;
    private final Map<Integer, Map<Long, LockTrace>> slots = new HashMap<>();
    private volatile boolean running = true;
    private volatile int pid;
    private volatile int slot;
    private volatile int statement;
    private long ticks;
    private String problem;

    /** Starts sampling over {@code connection} (pinned, from {@link ObserverConnections}), which it then owns. */
    LockSampler(Connection connection, Duration interval) throws SQLException {
        this.connection = connection;
        try {
            this.query = connection.prepareStatement(LOCKS);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::loop, "dbbranch-review-lock-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Samples {@code pid}'s locks into {@code slot} from now on; {@code pid} 0 pauses sampling. */
    void watch(int newPid, int newSlot) {
        this.slot = newSlot;
        this.statement = 0;
        this.pid = newPid;
    }

    /** The statement (from 1) now running, recorded with the locks first seen during it. */
    void statement(int index) {
        this.statement = index;
    }

    /**
     * One sample now, on the caller's thread, between two statements of a transaction: a transaction keeps its locks,
     * so this sees every lock the statement just ended took, however short it was, and puts it on that statement.
     */
    synchronized void sampleNow() {
        sample();
    }

    /** What the session held during {@code slot}, by relation oid. */
    synchronized Map<Long, HeldLock> locks(int forSlot) {
        Map<Long, HeldLock> locks = new HashMap<>();
        slots.getOrDefault(forSlot, Map.of()).forEach((oid, trace) -> locks.put(oid, trace.summary()));
        return locks;
    }

    /** Samples taken so far. */
    synchronized long ticks() {
        return ticks;
    }

    /** Why sampling stopped early, if it did. */
    synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void loop() {
        while (running) {
            long started = System.nanoTime();
            synchronized (this) {
                sample();
            }
            LockSupport.parkNanos(this, started + intervalNanos - System.nanoTime());
        }
    }

    private void sample() {
        int watched = pid;
        if (watched == 0 || problem != null || !running) {
            return;
        }
        int into = slot;
        List<Sample> rows = new ArrayList<>();
        long start = System.nanoTime();
        try {
            query.setInt(1, watched);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Sample(result.getLong(1), result.getString(2)));
                }
            }
        } catch (SQLException e) {
            problem = "lock sampling stopped after " + ticks + " samples: " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]";
            return;
        }
        // pg_locks was read somewhere within the round trip: its middle is the best estimate.
        long at = start + (System.nanoTime() - start) / 2;
        // The statement running once the round trip is over: one that started during it took what is new. Between
        // the statements of a transaction the observer's own sample (sampleNow) runs before the next one can start.
        int during = statement;
        ticks++;
        Map<Long, LockTrace> traces = slots.computeIfAbsent(into, key -> new HashMap<>());
        for (Sample row : rows) {
            LockMode.fromPgLocks(row.mode()).ifPresent(mode ->
                    traces.computeIfAbsent(row.relation(), oid -> new LockTrace()).record(mode, at, during));
        }
    }

    private record Sample(long relation, String mode) {
    }

    @Override
    public void close() {
        running = false;
        pid = 0;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                query.close();
                connection.close();
            } catch (SQLException e) {
                problem = problem != null ? problem : "closing the lock sampler's connection failed: " + e.getMessage();
            }
        }
    }
}
