package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.options;
import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The point of a branch per build: a migration that passes on an empty database fails on a copy of real data. */
class ProductionShapedDataTest {

    @Test
    void uniqueIndexThatPassesOnAnEmptyDatabaseFailsOnABranchOfRealDataAndLeavesTheParentUntouched() {
        String empty = MigrationFixtures.newDatabase("empty");
        assertThat(new Migrator(target(empty), options("base", "unique-email").build()).migrate().versionAfter()).isEqualTo("4");
        String parent = MigrationFixtures.seededParent("parent");
        String branch = MigrationFixtures.branchOf(parent);

        assertThatThrownBy(() -> new Migrator(target(branch), options("base", "unique-email").build()).migrate())
                .isInstanceOfSatisfying(MigrationFailedException.class, failure -> {
                    assertThat(failure.sqlState()).isEqualTo("23505");
                    assertThat(failure.script()).isEqualTo("V4__unique_customer_email.sql");
                    assertThat(failure.partialReport().versionBefore()).isEqualTo("1");
                    assertThat(failure.partialReport().versionAfter()).isEqualTo("1");
                    assertThat(failure).hasMessageContaining("could not create unique index \"customers_email_key\"")
                            .hasMessageContaining("de-duplicate");
                });

        assertThat(MigrationFixtures.schemaVersion(parent)).isEqualTo(1);
        assertThat(MigrationFixtures.schemaVersion(branch)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_email_key'")).isZero();
    }

    @Test
    void notNullColumnWithoutDefaultFailsOnABranchOfRealData() {
        String empty = MigrationFixtures.newDatabase("empty");
        new Migrator(target(empty), options("base", "require-phone").build()).migrate();
        String parent = MigrationFixtures.seededParent("parent");
        String branch = MigrationFixtures.branchOf(parent);

        assertThatThrownBy(() -> new Migrator(target(branch), options("base", "require-phone").build()).migrate())
                .isInstanceOfSatisfying(MigrationFailedException.class, failure -> {
                    assertThat(failure.sqlState()).isEqualTo("23502");
                    assertThat(failure.script()).isEqualTo("V5__require_customer_phone.sql");
                    assertThat(failure).hasMessageContaining("contains null values").hasMessageContaining("DEFAULT");
                });

        assertThat(TestPostgres.queryLong(parent,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'phone'")).isZero();
    }

    @Test
    void migrationsBeforeTheFailingOneStayAppliedAndAreInThePartialReport() {
        String branch = MigrationFixtures.branchOf(MigrationFixtures.seededParent("parent"));

        assertThatThrownBy(() -> new Migrator(target(branch), options("base", "growth", "unique-email").build()).migrate())
                .isInstanceOfSatisfying(MigrationFailedException.class, failure -> {
                    assertThat(failure.partialReport().applied()).extracting(AppliedMigration::version).containsExactly("2", "3");
                    assertThat(failure.partialReport().versionAfter()).isEqualTo("3");
                    assertThat(failure).hasMessageContaining("after 2 migration(s) of this run");
                });

        assertThat(MigrationFixtures.schemaVersion(branch)).isEqualTo(3);
    }
}
