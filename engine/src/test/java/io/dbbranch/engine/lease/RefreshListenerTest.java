package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestProviders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshListenerTest {

    @Test
    void listenersHearOfEveryRefreshedCredentialEvenAfterOneOfThemFailsAndTheCurrentEnvironmentCarriesTheNewest(@TempDir Path secrets) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        LeaseSpec spec = LeaseSpec.builder(parent).owner(TestProviders.OWNER).credentialTtl(Duration.ofSeconds(3))
                .secretsDirectory(secrets).build();
        List<String> log = new CopyOnWriteArrayList<>();
        List<Credential> heard = new CopyOnWriteArrayList<>();
        CountDownLatch twoRefreshes = new CountDownLatch(2);

        try (BranchLease lease = BranchLease.open(TestProviders.local(), spec, log::add)) {
            lease.addRefreshListener(fresh -> {
                throw new IllegalStateException("agent went away");
            });
            lease.addRefreshListener(fresh -> {
                heard.add(fresh);
                twoRefreshes.countDown();
            });

            assertThat(twoRefreshes.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(heard.get(1).expiresAt()).isAfter(heard.get(0).expiresAt());
            assertThat(lease.masks()).contains(heard.get(0).password().reveal(), heard.get(1).password().reveal());
            assertThat(log).anyMatch(line -> line.contains("refresh listener") && line.contains("agent went away"));
            assertThat(lease.currentEnvironment().variables().get("PGPASSWORD")).isEqualTo(lease.credential().password().reveal())
                    .isNotEqualTo(lease.environment().variables().get("PGPASSWORD"));
            assertThat(lease.masks()).containsAll(lease.currentEnvironment().masks());
        }
    }
}
