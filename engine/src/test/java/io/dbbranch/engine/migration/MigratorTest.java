package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.options;
import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.report.ReportJson;
import io.dbbranch.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigratorTest {

    @Test
    void appliesPendingMigrationsAndReportsEachWithItsChecksumAndRows() {
        String database = MigrationFixtures.seededParent("migrator");

        MigrationReport report = new Migrator(target(database), options("base", "growth").build()).migrate();

        assertThat(report.versionBefore()).isEqualTo("1");
        assertThat(report.versionAfter()).isEqualTo("3");
        assertThat(report.applied()).extracting(AppliedMigration::version).containsExactly("2", "3");
        assertThat(report.applied()).extracting(AppliedMigration::script)
                .containsExactly("V2__add_customer_tier.sql", "V3__trim_customer_names.sql");
        AppliedMigration trim = report.applied().get(1);
        assertThat(trim.rowsAffected()).isEqualTo(MigrationFixtures.UNTRIMMED_NAMES);
        assertThat(report.applied().get(0).rowsAffected()).isZero();
        assertThat(trim.checksum()).isEqualTo((int) TestPostgres.queryLong(database,
                "SELECT checksum FROM flyway_schema_history WHERE version = '3'"));
        assertThat(TestPostgres.queryLong(database, "SELECT count(*) FROM customers WHERE tier = 'basic'"))
                .isEqualTo(MigrationFixtures.CUSTOMERS);
    }

    @Test
    void secondRunFindsNothingToApply() {
        String database = MigrationFixtures.newDatabase("migrator");
        Migrator migrator = new Migrator(target(database), options("base", "growth").build());
        migrator.migrate();

        MigrationReport again = migrator.migrate();

        assertThat(again.isUpToDate()).isTrue();
        assertThat(again.versionBefore()).isEqualTo("3").isEqualTo(again.versionAfter());
        assertThat(MigrationReportTable.render(again)).contains("up to date, nothing applied");
    }

    @Test
    void stopsAtTheTargetVersion() {
        String database = MigrationFixtures.newDatabase("migrator");

        MigrationReport report = new Migrator(target(database), options("base", "growth").target("2").build()).migrate();

        assertThat(report.versionAfter()).isEqualTo("2");
        assertThat(new Migrator(target(database), options("base", "growth").build()).history().pending())
                .extracting(ScriptMigration::script).containsExactly("V3__trim_customer_names.sql");
    }

    @Test
    void migrationSessionsRunUnderTheGuardrails() {
        String database = MigrationFixtures.newDatabase("guardrails");

        new Migrator(target(database), options("settings").build()).migrate();

        assertThat(TestPostgres.queryLong(database,
                "SELECT count(*) FROM session_settings WHERE lock_timeout = '10s' AND statement_timeout = '15min' "
                        + "AND application_name = 'dbbranch-migrate'")).isOne();
    }

    @Test
    void migrationThatWaitsForABusyTableFailsAtTheLockTimeout() throws Exception {
        String database = MigrationFixtures.seededParent("lock-wait");
        MigrationOptions quick = options("base", "growth")
                .guardrails(new Guardrails(Duration.ofMillis(300), Duration.ofMinutes(1))).build();

        try (Connection reader = TestPostgres.cluster().connectAdmin(database); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.executeQuery("SELECT count(*) FROM customers").close(); // holds ACCESS SHARE until rollback

            assertThatThrownBy(() -> new Migrator(target(database), quick).migrate())
                    .isInstanceOfSatisfying(MigrationFailedException.class, failure -> {
                        assertThat(failure.sqlState()).isEqualTo("55P03");
                        assertThat(failure.script()).isEqualTo("V2__add_customer_tier.sql");
                        assertThat(failure.partialReport().versionAfter()).isEqualTo("1");
                        assertThat(failure.partialReport().applied()).isEmpty();
                        assertThat(failure).hasMessageContaining("lock timeout").hasMessageContaining("lock_timeout=300ms");
                    });
            reader.rollback();
        }
        assertThat(MigrationFixtures.schemaVersion(database)).isEqualTo(1);
    }

    @Test
    void reportPrintsAsATableAndAsJson() throws Exception {
        String database = MigrationFixtures.seededParent("report");
        MigrationReport report = new Migrator(target(database), options("base", "growth").build()).migrate();

        String table = MigrationReportTable.render(report);
        String json = ReportJson.write(report);

        assertThat(table).contains(database + ": schema version 1 → 3, 2 migrations applied")
                .containsPattern("3 +trim customer names +V3__trim_customer_names\\.sql +-?\\d+ +\\d+ ms +" + MigrationFixtures.UNTRIMMED_NAMES);
        assertThat(json).contains("\"versionBefore\" : \"1\"", "\"script\" : \"V3__trim_customer_names.sql\"",
                "\"rowsAffected\" : " + MigrationFixtures.UNTRIMMED_NAMES);
        assertThat(ReportJson.mapper().readValue(json, MigrationReport.class)).isEqualTo(report);
    }
}
