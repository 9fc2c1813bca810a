package io.dbbranch.testkit.emulator;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An emulator's background thread (a daemon, so it never keeps the JVM alive): every {@code interval} it deletes the
 * expired branches and takes a base backup of the backing server when one is due, and it runs whatever else the
 * emulator schedules with {@link #every}. A failed round is reported on stderr and the next one tries again: the
 * emulator keeps serving.
 */
public final class Housekeeping implements AutoCloseable {
    /** Deletes the branches whose expiry has passed. */
    @FunctionalInterface
    public interface ExpiredBranches {
        void delete() throws SQLException;
    }

    private final ScheduledExecutorService executor;
    private final String emulator;
    private final BackingPostgres postgres;
    private final ExpiredBranches expired;

    private Housekeeping(String emulator, String threadName, BackingPostgres postgres, ExpiredBranches expired) {
        this.emulator = emulator;
        this.postgres = postgres;
        this.expired = expired;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the thread {@code threadName}; {@code emulator} names the emulator in what it reports.
     *
     * @param interval how often expired branches are deleted and a due base backup is taken
     */
    public static Housekeeping start(String emulator, String threadName, Duration interval, BackingPostgres postgres,
                                     ExpiredBranches expired) {
        Housekeeping housekeeping = new Housekeeping(emulator, threadName, postgres, expired);
        housekeeping.every(interval, housekeeping::round);
        return housekeeping;
    }

    /** Runs {@code task} on this thread every {@code interval}, from one {@code interval} on. */
    public Housekeeping every(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void round() {
        try {
            expired.delete();
        } catch (SQLException | RuntimeException e) {
            System.err.println(emulator + ": deleting expired branches failed: " + e.getMessage());
        }
        try {
            postgres.history().ifPresent(BackingHistory::takeBaseBackupIfDue);
        } catch (RuntimeException e) {
            System.err.println(emulator + ": taking a base backup failed: " + e.getMessage());
        }
    }
}
