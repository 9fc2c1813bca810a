package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.options;
import static io.dbbranch.engine.migration.MigrationFixtures.schemaVersion;
import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.testing.ForwardingProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamMigrationTest {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(5));
    private final List<String> progress = new ArrayList<>();
    private final UpstreamMigration upstream = new UpstreamMigration(provider, progress::add);

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void rehearsesThenAppliesExactlyThePendingMigrationsAfterARestorePoint() {
        String parent = MigrationFixtures.seededParent("main");

        UpstreamReport report = upstream.run(UpstreamRequest.builder(parent, options("base", "growth").build()).build());

        assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
        assertThat(report.versionBefore()).isEqualTo("1");
        assertThat(report.pending()).extracting(ScriptMigration::version).containsExactly("2", "3");
        assertThat(report.rehearsal().applied()).extracting(AppliedMigration::version).containsExactly("2", "3");
        assertThat(report.migration().applied()).extracting(AppliedMigration::version).containsExactly("2", "3");
        assertThat(report.migration().applied().get(1).rowsAffected()).isEqualTo(MigrationFixtures.UNTRIMMED_NAMES);
        assertThat(schemaVersion(parent)).isEqualTo(3);
        assertThat(TestProviders.databaseExists(report.rehearsalBranch())).isFalse();
        assertThat(progress).anyMatch(line -> line.startsWith("rehearsing 2 migration(s)"));
        assertThat(report.schemaChanges().changes()).extracting(change -> change.name())
                .containsExactly("public.customers.tier", "public.customers_tier_idx");
        assertThat(UpstreamReportText.render(report)).contains("MIGRATED", "pending: V2__add_customer_tier.sql, "
                + "V3__trim_customer_names.sql", "schema changes: 2, none destructive", "restore point: dbbranch-migrate-");
    }

    @Test
    void destructiveChangeIsFlaggedInTheDryRunReport() {
        String parent = MigrationFixtures.seededParent("main");

        UpstreamReport report = upstream.run(UpstreamRequest.builder(parent, options("base", "drop-column").build())
                .dryRun(true).build());

        assertThat(report.schemaChanges().canDropData()).isTrue();
        assertThat(UpstreamReportText.render(report)).contains("schema changes: 1, 1 DESTRUCTIVE")
                .containsPattern("! +dropped column +public\\.customers\\.name +drops the column");
    }

    @Test
    void restorePointLiesBeforeEveryMigrationOfTheRunAndCanBeLookedUpByName() {
        String parent = MigrationFixtures.seededParent("main");

        UpstreamReport report = upstream.run(UpstreamRequest.builder(parent, options("base", "growth").build())
                .holder("jenkins deploy #7").build());

        RecordedRestorePoint point = report.restorePoint();
        assertThat(point.name()).startsWith("dbbranch-migrate-" + parent + "-");
        assertThat(point.named()).isTrue();
        assertThat(point.createdBy()).isEqualTo("jenkins deploy #7");
        assertThat(new RestorePointLog(target(parent)).find(point.name())).contains(point);
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM flyway_schema_history WHERE version IN ('2', '3') "
                + "AND installed_on > (SELECT created_at FROM dbbranch.restore_points WHERE name = '" + point.name() + "')"))
                .isEqualTo(2);
    }

    @Test
    void failingRehearsalRollsNothingForwardOnTheParent() {
        String parent = MigrationFixtures.seededParent("main");

        assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options("base", "growth", "unique-email").build()).build()))
                .isInstanceOfSatisfying(UpstreamMigrationException.class, failure -> {
                    assertThat(failure.report().outcome()).isEqualTo(UpstreamReport.Outcome.REHEARSAL_FAILED);
                    assertThat(failure.report().rehearsal().applied()).extracting(AppliedMigration::version).containsExactly("2", "3");
                    assertThat(failure.report().restorePoint()).isNull();
                    assertThat(failure.script()).isEqualTo("V4__unique_customer_email.sql");
                    assertThat(failure.sqlState()).isEqualTo("23505");
                    assertThat(failure).hasMessageContaining("so " + parent + " was not touched (it stays at version 1)")
                            .hasMessageContaining("could not create unique index");
                    assertThat(TestProviders.databaseExists(failure.report().rehearsalBranch())).isFalse();
                    assertThat(UpstreamReportText.render(failure.report())).contains("REHEARSAL_FAILED",
                            ": FAILED after 2 migration(s) applied; " + parent + " was not touched");
                });

        assertThat(schemaVersion(parent)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM pg_tables WHERE schemaname = 'dbbranch'")).isZero();
    }

    @Test
    void divergedHistoryIsRefusedNamingTheMigrationBeforeAnyBranchIsMade() {
        String parent = MigrationFixtures.seededParent("main");
        new Migrator(target(parent), options("base", "diverged").build()).migrate();

        assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options("base", "growth").build()).build()))
                .isInstanceOfSatisfying(UpstreamMigrationException.class, failure -> {
                    assertThat(failure.report().outcome()).isEqualTo(UpstreamReport.Outcome.DIVERGED);
                    assertThat(failure.report().divergence().version()).isEqualTo("2");
                    assertThat(failure.report().rehearsalBranch()).isNull();
                    assertThat(failure).hasMessageContaining("applied V2__add_customer_notes.sql")
                            .hasMessageContaining("the checkout has V2__add_customer_tier.sql");
                });
        assertThat(schemaVersion(parent)).isEqualTo(2);
        assertThat(progress).noneMatch(line -> line.startsWith("rehearsing"));
    }

    @Test
    void dryRunRehearsesButNeverTouchesTheParent() {
        String parent = MigrationFixtures.seededParent("main");

        UpstreamReport report = upstream.run(UpstreamRequest.builder(parent, options("base", "growth").build()).dryRun(true).build());

        assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.REHEARSED);
        assertThat(report.rehearsal().versionAfter()).isEqualTo("3");
        assertThat(report.restorePoint()).isNull();
        assertThat(report.migration()).isNull();
        assertThat(schemaVersion(parent)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(parent, "SELECT count(*) FROM pg_namespace WHERE nspname = 'dbbranch'")).isZero();
    }

    @Test
    void upToDateParentNeedsNoRehearsal() {
        String parent = MigrationFixtures.seededParent("main");

        UpstreamReport report = upstream.run(UpstreamRequest.builder(parent, options("base").build()).build());

        assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.UP_TO_DATE);
        assertThat(report.rehearsalBranch()).isNull();
    }

    @Test
    void runWhileAnotherHoldsTheParentIsRefusedNamingIt() {
        String parent = MigrationFixtures.seededParent("main");

        try (UpstreamLock other = UpstreamLock.acquire(target(parent), Duration.ofSeconds(1), "deploy #41")) {
            assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options("base", "growth").build())
                    .lockWait(Duration.ofMillis(300)).build()))
                    .isInstanceOfSatisfying(DbBranchException.class, failure -> {
                        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
                        assertThat(failure).hasMessageContaining("dbbranch migrateUpstream deploy #41");
                    });
        }
        assertThat(schemaVersion(parent)).isEqualTo(1);
    }

    @Test
    void cleanIsNeverAllowedOnAParent() {
        String parent = MigrationFixtures.seededParent("main");

        assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options("base").cleanAllowed(true).build()).build()))
                .isInstanceOfSatisfying(DbBranchException.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("Clean is never allowed on a parent");
    }

    @Test
    void providerWithoutParentAccessAsksForAnExplicitConnection() {
        String parent = MigrationFixtures.seededParent("main");
        ForwardingProvider noAccess = new ForwardingProvider(provider) {
            @Override
            public Optional<ParentAccess> parentAccess(String name, Duration ttl) {
                return Optional.empty();
            }
        };
        UpstreamMigration withoutAccess = new UpstreamMigration(noAccess, progress::add);

        assertThatThrownBy(() -> withoutAccess.run(UpstreamRequest.builder(parent, options("base", "growth").build()).build()))
                .isInstanceOfSatisfying(DbBranchException.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("cannot give an owner's connection");
        UpstreamReport report = withoutAccess.run(UpstreamRequest.builder(parent, options("base", "growth").build())
                .parentTarget(target(parent)).build());
        assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
    }
}
