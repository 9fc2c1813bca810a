package io.dbbranch.testkit.emulator;

import java.sql.SQLException;

/**
 * Copies a branch's database. {@code CREATE DATABASE … TEMPLATE} needs the source without sessions, which the real
 * services (Lakebase, Neon) do not: the emulator waits a little for them to end, then disconnects them (the one
 * place where an emulator is ruder than the service it imitates).
 */
public final class SourceCopy {
    private static final String OBJECT_IN_USE = "55006";
    private static final int POLITE_ATTEMPTS = 5;

    private SourceCopy() {
    }

    /** Copies {@code source} into a new database {@code target} (see {@link BackingPostgres#copyDatabase}). */
    public static void copy(BackingPostgres postgres, String source, String target) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                postgres.copyDatabase(source, target);
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState())) {
                    throw e;
                }
                if (attempt >= POLITE_ATTEMPTS + 1) {
                    throw new ApiFailure(503, "TEMPORARILY_UNAVAILABLE",
                            "source branch '" + source + "' stayed busy; try again");
                }
                if (attempt == POLITE_ATTEMPTS) {
                    postgres.adminExecute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE datname = " + BackingPostgres.literal(source) + " AND pid <> pg_backend_pid()");
                }
                sleep(200L * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(503, "TEMPORARILY_UNAVAILABLE", "the emulator is shutting down");
        }
    }
}
