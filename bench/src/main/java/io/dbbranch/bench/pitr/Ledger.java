package io.dbbranch.bench.pitr;

import io.dbbranch.engine.local.LocalCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits to restore between: one row per transaction in {@code ledger}, a few tens of milliseconds apart, each
 * noted with the moment its commit returned. A moment between two commits then names exactly one commit to
 * restore to: the branch must hold rows 1 to k, and nothing of commit k + 1.
 */
final class Ledger {
    static final String TABLE = "bench_ledger";

    private Ledger() {
    }

    /** A series of commits and when each returned. */
    record Commits(long firstId, List<Instant> returnedAt) {
        /**
         * A moment just after commit {@code index} (0-based) returned, a quarter of the way to the next one's return,
         * so well before the next one started (it starts a pause later).
         */
        Instant justAfter(int index) {
            Instant after = returnedAt.get(index);
            Instant next = returnedAt.get(index + 1);
            return after.plusNanos(java.time.Duration.between(after, next).toNanos() / 4);
        }

        long idOf(int index) {
            return firstId + index;
        }
    }

    static void create(LocalCluster cluster, String database) throws SQLException {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, note text NOT NULL, "
                    + "written_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        }
    }

    /** Commits {@code count} rows one by one, {@code pauseMillis} apart, continuing after the highest id. */
    static Commits commit(LocalCluster cluster, String database, int count, long pauseMillis)
            throws SQLException, InterruptedException {
        List<Instant> returned = new ArrayList<>();
        try (Connection connection = cluster.connectAdmin(database)) {
            long first;
            try (Statement statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM " + TABLE)) {
                result.next();
                first = result.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (id, note) VALUES (?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, first + i);
                    insert.setString(2, "commit " + (first + i));
                    insert.executeUpdate();
                    returned.add(Instant.now());
                    Thread.sleep(pauseMillis);
                }
            }
            return new Commits(first, returned);
        }
    }
}
