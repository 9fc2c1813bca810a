package io.dbbranch.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.SharedSlots;
import io.dbbranch.engine.testing.ClusterSql;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server's shared branch slots (session advisory locks on the maintenance database): taken by one
 * session each, refused when all are taken, free again when released or when their session dies.
 */
class AdvisorySlotsTest {

    @Test
    void slotsAreSharedByEverySessionAndFreedWhenTheirSessionDies() throws Exception {
        String owner = TestProviders.uniqueName("slots-owner");
        try (PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(5))) {
            SharedSlots slots = provider.sharedSlots().orElseThrow();
            SharedSlots.Held first = slots.tryTake(owner, 2).orElseThrow();
            SharedSlots.Held second = slots.tryTake(owner, 2).orElseThrow();

            Optional<SharedSlots.Held> third = slots.tryTake(owner, 2);
            Optional<SharedSlots.Held> anotherOwners = slots.tryTake(owner + "-other", 2);

            assertThat(first.number()).isEqualTo(1);
            assertThat(second.number()).isEqualTo(2);
            assertThat(third).as("both slots are taken").isEmpty();
            assertThat(anotherOwners).as("another owner has slots of its own").isPresent();
            anotherOwners.get().close();

            first.close();
            SharedSlots.Held again = slots.tryTake(owner, 2).orElseThrow();
            assertThat(again.number()).isEqualTo(1);

            // A process that dies loses its session, and its slot with it.
            String ended = ClusterSql.query(TestPostgres.cluster(), "postgres",
                    "SELECT count(pg_catalog.pg_terminate_backend(pid)) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' "
                    + "AND objsubid = 2 AND objid = 2 AND classid = " + Integer.toUnsignedLong(("dbbranch slots " + owner).hashCode()));
            assertThat(ended).isEqualTo("1");
            SharedSlots.Held afterDeath = awaitSlot(slots, owner);
            assertThat(afterDeath.number()).isEqualTo(2);
            afterDeath.close();
            again.close();
            second.close();
        }
    }

    private static SharedSlots.Held awaitSlot(SharedSlots slots, String owner) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<SharedSlots.Held> held = slots.tryTake(owner, 2);
            if (held.isPresent()) {
                return held.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the dead session's slot was never freed");
    }
}
