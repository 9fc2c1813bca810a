package io.dbbranch.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.ReadinessProbe;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two creates of one name at once: both look, find the name free, and race to their first {@code CREATE} (the branch's
 * labelled role, made before its database). The test makes
 * the race certain by keeping a session on the parent, so that both wait at the copy until it leaves.
 */
class ConcurrentCreateTest {

    @Test
    void theLoserOfARaceForANameGetsAlreadyExistsAndTheWinnersBranchIsIntact() throws Exception {
        String parent = TestProviders.parentWithEntities(5);
        String name = TestProviders.uniqueName("race");
        Instant now = Instant.now();
        Labels labels = new Labels(TestProviders.OWNER, null, null, null, now, now.plus(Duration.ofMinutes(10)));
        CreateBranchRequest request = new CreateBranchRequest(name, parent, PointInTime.HEAD, labels.expiresAt(), labels);
        PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(60));
        ExecutorService creators = Executors.newFixedThreadPool(2);
        List<Future<BranchInfo>> creates = new ArrayList<>();
        try {
            try (Connection onParent = TestPostgres.cluster().connectAdmin(parent)) {
                creates.add(creators.submit(() -> provider.createBranch(request)));
                creates.add(creators.submit(() -> provider.createBranch(request)));
                awaitBothWaitingAtTheCopy(creates);
            }
            List<BranchInfo> made = new ArrayList<>();
            List<Throwable> failed = new ArrayList<>();
            for (Future<BranchInfo> create : creates) {
                try {
                    made.add(create.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failed.add(e.getCause());
                }
            }

            assertThat(made).as("one create wins").hasSize(1);
            assertThat(failed).singleElement().isInstanceOfSatisfying(DbBranchException.class, lost -> {
                assertThat(lost.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                assertThat(lost.getMessage()).contains("of that name exists already", "Choose another name")
                        .doesNotContain("duplicate key");
            });
            BranchInfo winner = provider.findBranch(name).orElseThrow();
            assertThat(winner.labels()).isNotNull();
            assertThat(TestProviders.roleExists(name)).isTrue();
            ConnectionDetails connection = provider.awaitReady(winner, Duration.ofSeconds(10), Progress.SILENT);
            Credential credential = provider.mintCredential(winner, connection, Duration.ofMinutes(5));
            try (Connection login = ReadinessProbe.open(connection, credential);
                 ResultSet rows = login.createStatement().executeQuery("SELECT count(*) FROM final_entities")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the winner's branch still holds the parent's rows").isEqualTo(5);
            }
        } finally {
            creators.shutdownNow();
            provider.findBranch(name).ifPresent(provider::deleteBranch);
        }
    }

    /** Each create holds an admin session while it waits for the parent to be free. */
    private static void awaitBothWaitingAtTheCopy(List<Future<BranchInfo>> creates) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = 'postgres' AND application_name = 'dbbranch'") < 2) {
            if (creates.stream().anyMatch(Future::isDone) || System.nanoTime() > deadline) {
                throw new AssertionError("the two creates did not both reach the copy");
            }
            Thread.sleep(20);
        }
    }
}
