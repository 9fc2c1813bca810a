package io.dbbranch.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise: the maintenance database and templates are never branched, and a kept branch cannot be kept longer than
 * a branch may live, whichever front end asks.
 */
class ReservedParentsAndLifetimeCapTest {
    private final LocalProvider provider = TestProviders.local();

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "template0", "template1"})
    void theMaintenanceDatabaseAndTemplatesAreNeverAParent(String parent) {
        String name = TestProviders.uniqueName("reserved");
        Instant now = Instant.now();

        assertThatThrownBy(() -> provider.createBranch(new CreateBranchRequest(name, parent, PointInTime.HEAD, now.plusSeconds(600),
                new Labels(TestProviders.OWNER, null, null, null, now, now.plusSeconds(600)))))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("is the server's maintenance database or a template, which are never branched");
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(TestProviders.roleExists(name)).isFalse();
    }

    @Test
    void noBranchOfThePastIsMadeOfTheMaintenanceDatabaseEither() {
        assertThatThrownBy(() -> new PointInTimeRestore(TestHistory.provider())
                .restore(RestoreRequest.builder("postgres", PointInTime.at(Instant.now())).build(), Progress.SILENT))
                .hasMessageContaining("never branched");
    }

    @Test
    void aLeaseMayNotKeepItsBranchLongerThanABranchMayLive() {
        LeaseSpec spec = LeaseSpec.builder(TestProviders.parentWithEntities(1)).keep(KeepPolicy.ALWAYS)
                .keepFor(Duration.ofDays(999)).build();

        assertThatThrownBy(() -> BranchLease.open(provider, spec, Progress.SILENT))
                .hasMessageContaining("with keepFor 999d")
                .hasMessageContaining("this provider keeps branches at most 30d");
    }

    @Test
    void aRestoreMayNotKeepItsRecoveryBranchLongerThanABranchMayLive() {
        assertThatThrownBy(() -> new PointInTimeRestore(TestHistory.provider()).restore(RestoreRequest
                        .builder(TestHistory.databaseWithEntities(1), PointInTime.at(Instant.now())).keepFor(Duration.ofDays(999)).build(),
                Progress.SILENT))
                .hasMessageContaining("this provider keeps branches at most 30d");
    }
}
