package io.dbbranch.engine.migration;

import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamLockTest {

    @Test
    void secondRunIsToldWhoHoldsTheLock() {
        String parent = MigrationFixtures.newDatabase("lock");
        try (UpstreamLock first = UpstreamLock.acquire(target(parent), Duration.ofSeconds(1), "jenkins job deploy #41")) {
            assertThatThrownBy(() -> UpstreamLock.acquire(target(parent), Duration.ofMillis(300), "cli@laptop"))
                    .isInstanceOfSatisfying(DbBranchException.class, failure -> {
                        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
                        assertThat(failure).hasMessageContaining("another migrateUpstream holds it")
                                .hasMessageContaining("'dbbranch migrateUpstream jenkins job deploy #41'")
                                .hasMessageMatching("(?s).*pid \\d+ .*user postgres from 127\\.0\\.0\\.1.*");
                    });
        }
    }

    @Test
    void lockIsFreeAgainOnceReleased() {
        String parent = MigrationFixtures.newDatabase("lock");
        UpstreamLock.acquire(target(parent), Duration.ofSeconds(1), "first").close();

        try (UpstreamLock second = UpstreamLock.acquire(target(parent), Duration.ofMillis(100), "second")) {
            assertThat(second).isNotNull();
        }
    }

    @Test
    void locksOfDifferentParentsAreIndependent() {
        String main = MigrationFixtures.newDatabase("lock");
        String staging = MigrationFixtures.newDatabase("lock");
        try (UpstreamLock onMain = UpstreamLock.acquire(target(main), Duration.ofSeconds(1), "a");
             UpstreamLock onStaging = UpstreamLock.acquire(target(staging), Duration.ofMillis(100), "b")) {
            assertThat(onStaging).isNotSameAs(onMain);
        }
    }
}
