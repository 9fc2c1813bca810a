package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.pitr.PitrSettings;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.ClusterSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How long the local provider's point-in-time restore takes on a database of about 67 MB: the reference scenario
 * (32 rows, a moment noted, all deleted, restore to just before the deletion, verified) through
 * {@link PointInTimeRestore}, from the request until the recovery branch accepts its login and is verified.
 *
 * <p>Not a test (the name does not match surefire's defaults); run it with
 * {@code mvn -q -o -pl bench -am verify -Dtest=PitrRestoreBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Two cases: the base backup taken after the data was loaded (replay of little WAL), and the one taken before
 * (the 67 MB arrive by WAL replay).
 */
class PitrRestoreBenchmark {
    private static final int ROUNDS = 5;
    private static final long ROWS = 585_000;

    @Test
    void restoreOf67MegabyteDatabase() throws IOException {
        Path home = Files.createTempDirectory("dbbranch-bench-pitr");
        LocalProvider provider = LocalProvider.open(new LocalHome(home), ClusterSettings.ephemeral(), PitrSettings.defaults(), "bench");
        try {
            sql(provider, "postgres", "CREATE DATABASE bench");
            sql(provider, "bench", "CREATE TABLE final_entities (id bigint PRIMARY KEY, name text NOT NULL)",
                    "CREATE TABLE payload AS SELECT g AS id, md5(g::text) || md5((g + 1)::text) AS body FROM generate_series(1, "
                            + ROWS + ") g");
            long bytes = Long.parseLong(ClusterSql.query(provider.cluster(), "bench", "SELECT pg_database_size('bench')"));
            report("database size: %.1f MB", bytes / 1e6);

            report("base backup before the load, all of it replayed from WAL: %s", measure(provider));
            long started = System.nanoTime();
            provider.history().orElseThrow().takeBaseBackup();
            report("base backup of the cluster: %d ms", (System.nanoTime() - started) / 1_000_000);
            report("base backup after the load: %s", measure(provider));
        } finally {
            provider.cluster().stop();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String measure(LocalProvider provider) {
        PointInTimeRestore restore = new PointInTimeRestore(provider);
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            sql(provider, "bench", "TRUNCATE final_entities",
                    "INSERT INTO final_entities SELECT g, 'entity ' || g FROM generate_series(1, 32) g");
            Instant beforeDeletion = Instant.now();
            sql(provider, "bench", "DELETE FROM final_entities");
            RestoreResult result = restore.restore(RestoreRequest.builder("bench", PointInTime.at(beforeDeletion))
                    .verify(new Verification("SELECT count(*) FROM final_entities", Expectation.equalTo(32))).build(), Progress.SILENT);
            assertThat(result.restorePoint().time()).isBefore(beforeDeletion);
            millis.add(result.elapsed().toMillis());
            provider.deleteBranch(result.branch());
        }
        Collections.sort(millis);
        return "median " + millis.get(millis.size() / 2) + " ms, min " + millis.get(0) + " ms, max "
                + millis.get(millis.size() - 1) + " ms over " + ROUNDS + " restores";
    }

    private static void sql(LocalProvider provider, String database, String... statements) {
        ClusterSql.execute(provider.cluster(), database, statements);
    }

    private static void report(String format, Object... values) {
        System.out.printf("[pitr-bench] " + format + "%n", values);
    }
}
