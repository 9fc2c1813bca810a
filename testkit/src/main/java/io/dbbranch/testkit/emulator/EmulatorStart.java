package io.dbbranch.testkit.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * Starting an emulator from code that needs no try: a failure to start becomes unchecked, an {@link SQLException}
 * saying the backing PostgreSQL server could not be prepared.
 */
public final class EmulatorStart {
    /** Constructs and starts an emulator. */
    @FunctionalInterface
    public interface Starter<T> {
        T start() throws IOException, SQLException;
    }

    private EmulatorStart() {
    }

    public static <T> T unchecked(Starter<T> starter) {
        try {
            return starter.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the emulator's PostgreSQL server: " + e.getMessage(), e);
        }
    }
}
