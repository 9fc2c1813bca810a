package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.options;
import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives Flyway's message plus ours, and changes nothing. */
class BadMigrationInputTest {

    @Test
    void missingLocationIsRefusedBeforeAnythingIsApplied(@TempDir Path folder) {
        String database = MigrationFixtures.newDatabase("bad-input");
        MigrationOptions missing = MigrationOptions.builder().location(folder.resolve("no-such-folder")).build();

        assertThatThrownBy(() -> new Migrator(target(database), missing).migrate())
                .isInstanceOfSatisfying(DbBranchException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(failure).hasMessageContaining("Flyway says: Failed to find filesystem location").hasMessageContaining("no-such-folder");
                });
        assertThat(MigrationFixtures.schemaVersion(database)).isZero();
    }

    @Test
    void malformedMigrationNameIsRefusedInsteadOfSkipped() {
        String database = MigrationFixtures.newDatabase("bad-input");

        assertThatThrownBy(() -> new Migrator(target(database), options("base", "malformed").build()).migrate())
                .isInstanceOfSatisfying(DbBranchException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(failure).hasMessageContaining("V7_single_underscore.sql").hasMessageContaining("two underscores").hasMessageContaining("Invalid versioned migration name format");
                });
        assertThat(MigrationFixtures.schemaVersion(database)).isZero();
        assertThat(TestPostgres.queryLong(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'customers'")).isZero();
    }

    @Test
    void editedAppliedMigrationFailsValidationAndAppliesNothing() {
        String database = MigrationFixtures.seededParent("bad-input");

        assertThatThrownBy(() -> new Migrator(target(database), options("changed-base", "growth").build()).migrate())
                .isInstanceOfSatisfying(MigrationFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(failure).hasMessageContaining("checksum mismatch for migration version 1")
                            .hasMessageContaining("failed validation, nothing was applied");
                    assertThat(failure.partialReport().applied()).isEmpty();
                    assertThat(failure.script()).isNull();
                });
        assertThat(MigrationFixtures.schemaVersion(database)).isEqualTo(1);
    }

    @Test
    void cleanIsRefusedUnlessAllowed() {
        String database = MigrationFixtures.seededParent("bad-input");

        assertThatThrownBy(() -> new Migrator(target(database), options("base").build()).clean())
                .isInstanceOfSatisfying(DbBranchException.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        assertThat(TestPostgres.queryLong(database, "SELECT count(*) FROM customers")).isEqualTo(MigrationFixtures.CUSTOMERS);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        String database = MigrationFixtures.newDatabase("bad-input");
        MigrationTarget wrong = new MigrationTarget(target(database).jdbcUrl(), "postgres",
                io.dbbranch.engine.credentials.Secret.of("not-the-password"), database);

        assertThatThrownBy(() -> new Migrator(wrong, options("base").build()).migrate())
                .isInstanceOfSatisfying(DbBranchException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(failure).hasMessageNotContaining("not-the-password");
                });
    }
}
