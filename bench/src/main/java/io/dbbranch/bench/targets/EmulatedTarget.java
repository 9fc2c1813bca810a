package io.dbbranch.bench.targets;

import io.dbbranch.bench.support.WorkFolders;
import io.dbbranch.testkit.emulator.BackingPostgres;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;

/**
 * An emulator running in this JVM in a folder of its own, deleted with it; its parent branch holds a small table,
 * so every lease has something to log in to and query.
 */
abstract class EmulatedTarget implements Target {
    /** The emulators finish operations in a few polls rather than seconds: poll quickly. */
    static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final Path home;
    private final AutoCloseable emulator;

    EmulatedTarget(String name, Path home, AutoCloseable emulator) {
        this.name = name;
        this.home = home;
        this.emulator = emulator;
    }

    /** Makes a home under {@code work}, starts the target in it with {@code start}, and seeds its parent. */
    static <T extends EmulatedTarget> T start(Path work, String name, Function<Path, T> start) throws SQLException {
        Path home = WorkFolders.create(work, name + "-");
        T target;
        try {
            target = start.apply(home);
        } catch (RuntimeException e) {
            WorkFolders.delete(home);
            throw e;
        }
        try {
            target.seedParent();
            return target;
        } catch (SQLException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** Puts a small table into the parent branch. */
    abstract void seedParent() throws SQLException;

    static void seed(BackingPostgres postgres, String database) throws SQLException {
        postgres.adminExecute(database, "CREATE TABLE greeting (id int PRIMARY KEY, text text NOT NULL)",
                "INSERT INTO greeting VALUES (1, 'hello from the parent')");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            emulator.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the " + name + " emulator: " + e.getMessage(), e);
        } finally {
            WorkFolders.delete(home);
        }
    }
}
