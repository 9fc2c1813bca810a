package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.migration.AppliedMigration;
import io.dbbranch.engine.migration.Guardrails;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.UpstreamMigration;
import io.dbbranch.engine.migration.UpstreamReport;
import io.dbbranch.engine.migration.UpstreamRequest;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.Progress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** migrateUpstream on Lakebase reaches the parent through the provider's parentAccess: a credential for its endpoint. */
class LakebaseMigrateUpstreamTest {

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void parentIsRehearsedThenMigratedThroughACredentialForItsEndpoint() throws Exception {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo parent = provider.createBranch(TestLakebase.request(TestLakebase.name("upstream")));
            try {
                provider.awaitReady(parent, Duration.ofSeconds(30), Progress.SILENT);
                // A schema of its own: the parent, a copy of main, has tables in public that Flyway does not know.
                MigrationOptions options = MigrationOptions.builder().classpathLocation("db/base")
                        .classpathLocation("db/growth").schemas("app").build();

                UpstreamReport report = new UpstreamMigration(provider, Progress.SILENT)
                        .run(UpstreamRequest.builder(parent.name(), options).holder("lakebase test").build());

                assertThat(report.outcome()).isEqualTo(UpstreamReport.Outcome.MIGRATED);
                assertThat(report.rehearsal().applied()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
                assertThat(report.migration().applied()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
                assertThat(provider.findBranch(report.rehearsalBranch())).as("the rehearsal branch is gone").isEmpty();
                assertThat(report.restorePoint().lsn()).isNotNull();
                ParentAccess access = provider.parentAccess(parent.name(), Duration.ofMinutes(10)).orElseThrow();
                assertThat(access.connection().database()).isEqualTo(parent.name());
                assertThat(access.credential().user()).isEqualTo(TestLakebase.emulator().identities().clientId());
                try (Connection db = MigrationTarget.of(access.connection(), access.credential())
                        .connect("lakebase-test", Guardrails.DEFAULT); Statement sql = db.createStatement();
                     ResultSet version = sql.executeQuery("SELECT max(version::int) FROM app.flyway_schema_history WHERE success")) {
                    version.next();
                    assertThat(version.getInt(1)).isEqualTo(3);
                }
            } finally {
                provider.deleteBranch(parent);
            }
        }
    }

    @Test
    void anUnknownParentHasNoAccess() {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            assertThat(provider.parentAccess("no-such-parent", Duration.ofMinutes(10))).isEmpty();
        }
    }
}
