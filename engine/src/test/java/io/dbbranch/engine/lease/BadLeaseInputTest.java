package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BadLeaseInputTest {

    @Test
    void anUnknownParentIsNamedAlongWithTheDatabasesThatExist() {
        String prefix = TestProviders.uniqueName("nope");

        assertThatThrownBy(() -> BranchLease.open(TestProviders.local(), spec("no-such-parent").namePrefix(prefix).build(), Progress.SILENT))
                .isInstanceOf(DbBranchException.class)
                .satisfies(e -> assertThat(((DbBranchException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("there is no database 'no-such-parent'")
                .hasMessageContaining("Existing databases: ");
        assertThat(TestProviders.local().listBranches(prefix)).isEmpty();
    }

    @Test
    void anInvalidNameIsRefusedBeforeAnythingIsCreated() {
        String parent = TestProviders.parentWithEntities(1);

        assertThatThrownBy(() -> BranchLease.open(TestProviders.local(), spec(parent).name("Bad_Name").build(), Progress.SILENT))
                .hasMessageContaining("Use branch name 'Bad_Name'").hasMessageContaining("Try 'bad-name'");
        assertThat(TestProviders.databaseExists("Bad_Name")).isFalse();
    }

    @Test
    void anEnvPrefixThatMakesNoVariableNameIsRefusedWhenTheSpecIsBuilt() {
        assertThatThrownBy(() -> spec("main").envPrefix("X;Y="))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("'X;Y='").hasMessageContaining("only letters, digits and '_'").hasMessageContaining("ORDERS_");
        assertThat(spec("main").envPrefix(" ORDERS_ ").build().envPrefix()).isEqualTo("ORDERS_");
    }

    @Test
    void aParentWithOpenSessionsFailsFastNamingThemAndLeavesNothingBehind() throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("busy");
        long started = System.nanoTime();

        try (Connection holder = TestPostgres.cluster().connectAdmin(parent)) {
            holder.createStatement().execute("SET application_name = 'report-generator'");
            assertThatThrownBy(() -> BranchLease.open(TestProviders.postgres(Duration.ofMillis(500)), spec(parent).name(name).build(),
                    Progress.SILENT))
                    .isInstanceOf(DbBranchException.class)
                    .satisfies(e -> assertThat(((DbBranchException) e).code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("application 'report-generator'")
                    .hasMessageContaining("Close those sessions");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }

    @Test
    void aCopyWaitsForAShortSessionOnTheParentToEnd() throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        Connection brief = TestPostgres.cluster().connectAdmin(parent);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(700);
                brief.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        closer.start();

        try (BranchLease lease = BranchLease.open(TestProviders.postgres(Duration.ofSeconds(10)), spec(parent).build(), Progress.SILENT)) {
            assertThat(TestProviders.databaseExists(lease.branch().name())).isTrue();
        }
        closer.join();
    }

    @Test
    void aCredentialLifetimeOutOfRangeIsRefusedBeforeAnythingIsCreated() {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = TestProviders.uniqueName("ttl");

        assertThatThrownBy(() -> BranchLease.open(TestProviders.local(),
                spec(parent).namePrefix(prefix).credentialTtl(Duration.ofDays(3)).build(), Progress.SILENT))
                .hasMessageContaining("accepts credential lifetimes from 2 s to 43200 s");
        assertThat(TestProviders.local().listBranches(prefix)).isEmpty();
    }

    @Test
    void aBranchFromThePastIsRefusedByAPlainPostgresServer() {
        String parent = TestProviders.parentWithEntities(1);

        assertThatThrownBy(() -> BranchLease.open(TestProviders.postgres(Duration.ofSeconds(1)),
                spec(parent).from(PointInTime.at(Instant.now().minusSeconds(60))).build(), Progress.SILENT))
                .hasMessageContaining("cannot branch from the past");
    }

    @Test
    void aMissingParentOrBadKeepPolicyIsAClearError() {
        assertThatThrownBy(() -> LeaseSpec.builder(" ")).hasMessageContaining("no parent branch was given");
        assertThatThrownBy(() -> KeepPolicy.parse("sometimes")).hasMessageContaining("Use never, onFailure, always or whilePrOpen");
        assertThat(KeepPolicy.parse("on-failure")).isEqualTo(KeepPolicy.ON_FAILURE);
    }

    private static LeaseSpec.Builder spec(String parent) {
        return LeaseSpec.builder(parent).owner(TestProviders.OWNER);
    }
}
