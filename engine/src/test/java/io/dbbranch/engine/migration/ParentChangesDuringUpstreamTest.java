package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.options;
import static io.dbbranch.engine.migration.MigrationFixtures.schemaVersion;
import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.testing.ForwardingProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Someone else changes the parent between the rehearsal and the migration (simulated when the rehearsal branch goes). */
class ParentChangesDuringUpstreamTest {
    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(5));

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void parentMigratedByAnotherRunSinceTheRehearsalIsLeftAlone() {
        String parent = MigrationFixtures.seededParent("main");
        UpstreamMigration upstream = new UpstreamMigration(afterRehearsal(() ->
                new Migrator(target(parent), options("base", "growth").target("2").build()).migrate()), message -> { });

        assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options("base", "growth").build()).build()))
                .isInstanceOfSatisfying(UpstreamMigrationException.class, failure -> {
                    assertThat(failure.report().outcome()).isEqualTo(UpstreamReport.Outcome.CONFLICT);
                    assertThat(failure.report().restorePoint()).isNull();
                    assertThat(failure).hasMessageContaining(parent + " changed since the rehearsal (it is now at version 2)");
                });
        assertThat(schemaVersion(parent)).isEqualTo(2);
    }

    @Test
    void parentThatFailsAfterAPassingRehearsalNamesTheRestorePointToGoBackTo() {
        String parent = MigrationFixtures.newDatabase("main");
        new Migrator(target(parent), options("base").build()).migrate();
        TestPostgres.execute(parent, "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada')");
        UpstreamMigration upstream = new UpstreamMigration(afterRehearsal(() -> TestPostgres.execute(parent,
                "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada again')")), message -> { });

        assertThatThrownBy(() -> upstream.run(UpstreamRequest.builder(parent, options("base", "growth", "unique-email").build()).build()))
                .isInstanceOfSatisfying(UpstreamMigrationException.class, failure -> {
                    UpstreamReport report = failure.report();
                    assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATION_FAILED);
                    assertThat(report.rehearsal().versionAfter()).isEqualTo("4");
                    assertThat(report.migration().applied()).extracting(AppliedMigration::version).containsExactly("2", "3");
                    assertThat(failure.partialReport()).isEqualTo(report.migration());
                    assertThat(failure.script()).isEqualTo("V4__unique_customer_email.sql");
                    assertThat(failure).hasMessageContaining("migrating " + parent + " itself failed at V4__unique_customer_email.sql")
                            .hasMessageContaining("restore " + parent + " to restore point " + report.restorePoint().name());
                    assertThat(new RestorePointLog(target(parent)).find(report.restorePoint().name())).isPresent();
                });
        assertThat(schemaVersion(parent)).isEqualTo(3);
    }

    /** The provider, with {@code change} run on the parent right after the rehearsal branch is deleted. */
    private ForwardingProvider afterRehearsal(Runnable change) {
        return new ForwardingProvider(provider) {
            @Override
            public boolean deleteBranch(BranchInfo branch) {
                boolean deleted = delegate.deleteBranch(branch);
                change.run();
                return deleted;
            }
        };
    }
}
