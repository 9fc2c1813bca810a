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
 * labelled role, made before its database). The test keeps a session on the parent, so that the winner waits at the
 * copy until the race is decided and the loser's failure cannot have touched a finished branch.
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
                awaitTheRaceDecided(creates, now);
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

    /**
     * Waits until the race is decided while the parent is still busy: one create holds the name (its labelled role) and
     * waits at the copy, looking for the parent's sessions in an admin session of its own opened after {@code since}
     * (idle admin sessions that other providers keep warm are older); the other has failed on the name, or waits too.
     */
    private static void awaitTheRaceDecided(List<Future<BranchInfo>> creates, Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long atTheCopy = TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = 'postgres' AND application_name = 'dbbranch' AND backend_start >= '" + since + "' "
                    + "AND starts_with(query, 'SELECT pid, usename')");
            long done = creates.stream().filter(Future::isDone).count();
            if (atTheCopy >= 1 && (done == 1 || atTheCopy >= 2)) {
                return;
            }
            if (done == creates.size() || System.nanoTime() > deadline) {
                throw new AssertionError("no create was left waiting at the copy while the parent was busy");
            }
            Thread.sleep(20);
        }
    }
}
