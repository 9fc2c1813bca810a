package io.dbbranch.engine.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CREATE INDEX CONCURRENTLY}, the safe way to index a busy table, applies: Flyway runs it outside a
 * transaction, and its own lock on the history table must not be a transaction the build would wait for.
 */
class ConcurrentIndexMigrationTest {

    @Test
    void concurrentIndexMigrationApplies(@TempDir Path folder) throws IOException {
        String database = MigrationFixtures.newDatabase("concurrent");
        TestPostgres.execute(database, "CREATE TABLE items (id int PRIMARY KEY, kind int)",
                "INSERT INTO items SELECT i, i % 7 FROM generate_series(1, 1000) i");
        Files.writeString(folder.resolve("V2__index_kind.sql"), "CREATE INDEX CONCURRENTLY items_kind_idx ON items (kind);");

        MigrationReport report = new Migrator(MigrationFixtures.target(database),
                MigrationOptions.builder().location(folder).baselineOnMigrate(true).build()).migrate();

        assertThat(report.applied()).extracting(AppliedMigration::script).containsExactly("V2__index_kind.sql");
        assertThat(report.applied().get(0).rowsAffected()).isNull();
        assertThat(TestPostgres.queryLong(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'items_kind_idx'")).isOne();
    }
}
